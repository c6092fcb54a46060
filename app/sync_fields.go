package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/data"
)

// Mapping between stored records and the wire's field maps (api.Fields).
// Values follow api.Operation: dates "2006-01-02", booleans "true"/"false",
// numbers in decimal, lists comma-separated. Every user-owned field is sent
// on every upsert, empty ones as "", so clearing a field travels too.

// outgoing turns a record into the fields a carer sends. ok is false when
// the record must not be at the LA at all: a need still in draft (the
// carer has not raised it yet).
func carerFields(rec any) (kind api.Kind, fields map[string]string, ok bool) {
	switch r := rec.(type) {
	case *Child:
		return api.KindChild, map[string]string{
			"name": r.Name, "preferred_name": r.PreferredName, "date_of_birth": api.Date(r.DateOfBirth),
			"arrangement": string(r.Arrangement), "placement_start": api.Date(r.PlacementStart),
			"long_term": strconv.FormatBool(r.LongTerm), "school": r.School, "gp": r.GP, "dentist": r.Dentist,
		}, true
	case *Need:
		return api.KindNeed, map[string]string{
			"child_id": r.ChildID, "category": string(r.Category), "description": r.Description, "urgency": string(r.Urgency),
		}, r.Status != NeedDraft
	case *Training:
		return api.KindTraining, map[string]string{
			"title": r.Title, "provider": r.Provider, "date": api.Date(r.Date),
			"hours": strconv.FormatFloat(r.Hours, 'f', -1, 64), "format": string(r.Format),
			"standards": joinInts(r.Standards), "evidence": r.Evidence,
		}, true
	case *Milestone:
		return api.KindMilestone, map[string]string{
			"child_id": r.ChildID, "mission": string(r.Mission), "title": r.Title, "status": string(r.Status),
			"target_date": api.Date(r.TargetDate), "achieved_date": api.Date(r.AchievedDate), "notes": r.Notes,
		}, true
	case *Recording:
		tags := make([]string, len(r.Tags))
		for i, t := range r.Tags {
			tags[i] = string(t)
		}
		return api.KindRecording, map[string]string{
			"child_id": r.ChildID, "day": api.Date(r.Day), "text": r.Text,
			"tags": strings.Join(tags, ","), "significant": strconv.FormatBool(r.Significant),
		}, true
	}
	return "", nil, false
}

// leaverFields turns a care leaver's record into what they send, which is
// only ever what SharedSelection lets leave the device: a shared goal's
// Mission, title and target date (never why it matters or its areas), its
// steps while the goal is shared, and a shared milestone of their own
// without its notes or photo. goal is the step's goal, for a *SyncStep.
// ok is false for anything not shared.
func leaverFields(rec any, goal *Goal) (kind api.Kind, fields map[string]string, ok bool) {
	switch r := rec.(type) {
	case *Goal:
		sh := SharedSelection([]Goal{*r}, nil)
		if len(sh.Goals) == 0 {
			return api.KindGoal, nil, false
		}
		g := sh.Goals[0]
		return api.KindGoal, map[string]string{
			"mission": string(g.Mission), "title": g.Title, "target_date": api.Date(g.TargetDate),
		}, true
	case *data.SyncStep:
		if goal == nil {
			return api.KindGoalStep, nil, false
		}
		sh := SharedSelection([]Goal{*goal}, nil)
		i := slices.IndexFunc(goal.Steps, func(st Step) bool { return st.ID == r.ID })
		if len(sh.Goals) == 0 || i < 0 || i >= len(sh.Goals[0].Steps) {
			return api.KindGoalStep, nil, false
		}
		st := sh.Goals[0].Steps[i]
		return api.KindGoalStep, map[string]string{
			"goal_id": goal.ID, "text": st.Text, "done": strconv.FormatBool(st.Done), "position": strconv.Itoa(i),
		}, true
	case *Milestone:
		sh := SharedSelection(nil, []Milestone{*r})
		if len(sh.Milestones) == 0 {
			return api.KindMilestone, nil, false
		}
		m := sh.Milestones[0]
		return api.KindMilestone, map[string]string{
			"mission": string(m.Mission), "title": m.Title, "status": string(m.Status),
			"target_date": api.Date(m.TargetDate), "achieved_date": api.Date(m.AchievedDate),
		}, true
	}
	return "", nil, false
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// fieldReader copies the fields a change carries onto a record, keeping
// the first value it could not read. A field the change does not carry is
// left as it is, as an upsert leaves it.
type fieldReader struct {
	f   map[string]string
	err error
}

func (r *fieldReader) fail(name string, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("field %q: %w", name, err)
	}
}

func text[T ~string](r *fieldReader, name string, p *T) {
	if v, ok := r.f[name]; ok {
		*p = T(v)
	}
}

func (r *fieldReader) date(name string, p *time.Time) {
	if v, ok := r.f[name]; ok {
		t, err := api.ParseDate(v)
		if err != nil {
			r.fail(name, err)
			return
		}
		*p = t
	}
}

func (r *fieldReader) flag(name string, p *bool) {
	if v, ok := r.f[name]; ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			r.fail(name, err)
			return
		}
		*p = b
	}
}

func (r *fieldReader) integer(name string, p *int) {
	if v, ok := r.f[name]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			r.fail(name, err)
			return
		}
		*p = n
	}
}

func (r *fieldReader) number(name string, p *float64) {
	if v, ok := r.f[name]; ok {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			r.fail(name, err)
			return
		}
		*p = n
	}
}

// list reads a comma-separated list; "" is the empty list.
func (r *fieldReader) list(name string, each func(string) error) {
	if v, ok := r.f[name]; ok && v != "" {
		for _, s := range strings.Split(v, ",") {
			if err := each(s); err != nil {
				r.fail(name, err)
				return
			}
		}
	}
}

// applyFields copies a pulled change's fields onto rec: the user-owned
// ones when user is true, the LA-owned ones when la is true. laAt is when
// the LA last changed its fields; it becomes a need's StatusSetAt.
func applyFields(rec any, f map[string]string, user, la bool, laAt time.Time) error {
	r := &fieldReader{f: f}
	switch x := rec.(type) {
	case *Child:
		if user {
			text(r, "name", &x.Name)
			text(r, "preferred_name", &x.PreferredName)
			r.date("date_of_birth", &x.DateOfBirth)
			text(r, "arrangement", &x.Arrangement)
			r.date("placement_start", &x.PlacementStart)
			r.flag("long_term", &x.LongTerm)
			text(r, "school", &x.School)
			text(r, "gp", &x.GP)
			text(r, "dentist", &x.Dentist)
		}
		if la {
			text(r, "la_reference", &x.LAReference)
			r.date("placement_end", &x.PlacementEnd)
		}
	case *Need:
		if user {
			text(r, "child_id", &x.ChildID)
			text(r, "category", &x.Category)
			text(r, "description", &x.Description)
			text(r, "urgency", &x.Urgency)
		}
		if la {
			_, status := f["status"]
			_, response := f["response"]
			text(r, "status", &x.Status)
			text(r, "response", &x.Response)
			if (status || response) && !laAt.IsZero() {
				x.StatusSetAt = laAt
			}
		}
		if x.Status == "" {
			x.Status = NeedRaised // a need the LA holds has been raised
		}
	case *Training:
		if user {
			text(r, "title", &x.Title)
			text(r, "provider", &x.Provider)
			r.date("date", &x.Date)
			r.number("hours", &x.Hours)
			text(r, "format", &x.Format)
			text(r, "evidence", &x.Evidence)
			if _, ok := f["standards"]; ok {
				x.Standards = nil
				r.list("standards", func(s string) error {
					n, err := strconv.Atoi(s)
					x.Standards = append(x.Standards, n)
					return err
				})
			}
		}
	case *Milestone:
		if user {
			text(r, "child_id", &x.ChildID)
			text(r, "mission", &x.Mission)
			text(r, "title", &x.Title)
			text(r, "status", &x.Status)
			r.date("target_date", &x.TargetDate)
			r.date("achieved_date", &x.AchievedDate)
			text(r, "notes", &x.Notes)
			// A care leaver's own milestone at the LA is one they shared.
			x.Shared = x.ChildID == "" || x.Shared
		}
	case *Recording:
		if user {
			text(r, "child_id", &x.ChildID)
			r.date("day", &x.Day)
			text(r, "text", &x.Text)
			r.flag("significant", &x.Significant)
			if _, ok := f["tags"]; ok {
				x.Tags = nil
				r.list("tags", func(s string) error {
					if !slices.Contains(Tags, Tag(s)) {
						return fmt.Errorf("unknown tag %q", s)
					}
					x.Tags = append(x.Tags, Tag(s))
					return nil
				})
			}
		}
	case *Goal:
		if user {
			text(r, "mission", &x.Mission)
			text(r, "title", &x.Title)
			r.date("target_date", &x.TargetDate)
			// A goal the LA holds is one the care leaver shared.
			x.Shared = true
		}
	case *data.SyncStep:
		if user {
			text(r, "goal_id", &x.GoalID)
			text(r, "text", &x.Text)
			r.flag("done", &x.Done)
			r.integer("position", &x.Position)
		}
	case *SignOff:
		if la {
			r.integer("standard", &x.Standard)
			r.date("signed_on", &x.SignedOn)
		}
	case *data.RulesDoc:
		if la {
			text(r, "document", &x.Document)
			if r.err == nil {
				if _, err := LoadRules([]byte(x.Document)); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("cannot apply fields to %T", rec)
	}
	return r.err
}
