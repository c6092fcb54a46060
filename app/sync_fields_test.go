package app

import (
	"reflect"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/data"
)

func TestSyncKindsMatchTheProtocol(t *testing.T) {
	pairs := map[string]api.Kind{
		data.SyncChild: api.KindChild, data.SyncNeed: api.KindNeed, data.SyncTraining: api.KindTraining,
		data.SyncMilestone: api.KindMilestone, data.SyncRecording: api.KindRecording, data.SyncGoal: api.KindGoal,
		data.SyncGoalStep: api.KindGoalStep, data.SyncSignOff: api.KindSignOff, data.SyncRules: api.KindRules,
	}
	for d, k := range pairs {
		if d != string(k) {
			t.Errorf("data names kind %q, api %q", d, k)
		}
	}
	if data.OpUpsert != string(api.OpUpsert) || data.OpDelete != string(api.OpDelete) {
		t.Error("data and api name the operations differently")
	}
}

// sampleRecords has one carer record of each kind with every field set.
func sampleRecords() []any {
	d := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	return []any{
		&Child{Name: "Sam Smith", PreferredName: "Sammy", DateOfBirth: d, Arrangement: ArrangementKinshipFoster,
			PlacementStart: d, LongTerm: true, School: "Hill", GP: "Dr Jones", Dentist: "Smile"},
		&Need{ChildID: "c1", Category: NeedLegal, Description: "Advice on the SGO", Urgency: UrgencyUrgent, Status: NeedRaised},
		&Training{Title: "Trauma", Provider: "LA", Date: d, Hours: 2.5, Format: FormatPeerGroup, Standards: []int{1, 5}, Evidence: "Notes"},
		&Milestone{ChildID: "c1", Mission: MissionEducation, Title: "Year 7", Status: MilestoneAchieved, TargetDate: d, AchievedDate: d, Notes: "Proud"},
		&Recording{ChildID: "c1", Day: d, Text: "Fine", Tags: []Tag{TagHealth, TagIncident}, Significant: true},
	}
}

func TestCarerFieldsSendEveryUserFieldAndNoLAField(t *testing.T) {
	for _, rec := range sampleRecords() {
		kind, fields, ok := carerFields(rec)
		if !ok {
			t.Fatalf("%T not sent", rec)
		}
		for name, owner := range api.Fields[kind] {
			_, sent := fields[name]
			if owner == api.OwnerUser && !sent {
				t.Errorf("%s: user-owned field %q is not sent", kind, name)
			}
			if owner == api.OwnerLA && sent {
				t.Errorf("%s: LA-owned field %q is sent", kind, name)
			}
		}
		op := api.Operation{IdempotencyKey: "k", Kind: kind, ID: "r", Op: api.OpUpsert, Fields: fields, At: time.Now()}
		if err := op.Check(api.RoleCarer); err != nil {
			t.Errorf("%s: the protocol refuses what is sent: %v", kind, err)
		}
	}
	if _, _, ok := carerFields(&Need{Category: NeedOther, Description: "x", Urgency: UrgencySoon, Status: NeedDraft}); ok {
		t.Error("a draft need would be sent before the carer raised it")
	}
}

// What is sent comes back unchanged when another device pulls it.
func TestFieldsRoundTrip(t *testing.T) {
	for _, rec := range sampleRecords() {
		_, fields, _ := carerFields(rec)
		back := reflect.New(reflect.TypeOf(rec).Elem()).Interface()
		if err := applyFields(back, fields, true, false, time.Time{}); err != nil {
			t.Fatalf("%T: %v", rec, err)
		}
		if n, ok := back.(*Need); ok {
			n.Status = NeedRaised // LA-owned: not carried by a carer's upsert
		}
		if !reflect.DeepEqual(back, rec) {
			t.Errorf("round trip of %T:\n got  %+v\n want %+v", rec, back, rec)
		}
	}
}

func TestApplyFieldsKeepsOwnership(t *testing.T) {
	c := Child{Name: "Local", LAReference: "OLD"}
	f := map[string]string{"name": "Remote", "la_reference": "LA-9", "placement_end": "2026-11-01"}
	if err := applyFields(&c, f, false, true, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if c.Name != "Local" || c.LAReference != "LA-9" || !c.PlacementEnd.Equal(date(2026, 11, 1)) {
		t.Errorf("LA-only apply gave %+v", c)
	}
	if err := applyFields(&c, map[string]string{"date_of_birth": "yesterday"}, true, false, time.Time{}); err == nil {
		t.Error("an unreadable date was accepted")
	}
	laAt := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	n := Need{Description: "Mine", Status: NeedRaised}
	if err := applyFields(&n, map[string]string{"status": "met", "description": "Theirs"}, false, true, laAt); err != nil {
		t.Fatal(err)
	}
	if n.Status != NeedMet || n.Description != "Mine" || !n.StatusSetAt.Equal(laAt) {
		t.Errorf("need after LA apply: %+v", n)
	}
}

func TestLeaverFieldsFollowSharedSelection(t *testing.T) {
	g := Goal{Record: data.Record{ID: "g1"}, Mission: MissionWork, Title: "Apprenticeship", Why: "private reasons",
		Areas: []Area{AreaMoney}, Steps: []Step{{Record: data.Record{ID: "s1"}, Text: "Write CV", Done: true}}}
	if _, _, ok := leaverFields(&g, nil); ok {
		t.Error("an unshared goal would be sent")
	}
	step := &data.SyncStep{Step: g.Steps[0], GoalID: "g1"}
	if _, _, ok := leaverFields(step, &g); ok {
		t.Error("a step of an unshared goal would be sent")
	}
	g.Shared = true
	_, fields, ok := leaverFields(&g, nil)
	if !ok || !reflect.DeepEqual(fields, map[string]string{"mission": "work", "title": "Apprenticeship", "target_date": ""}) {
		t.Errorf("shared goal sends %v", fields)
	}
	_, fields, ok = leaverFields(step, &g)
	if !ok || !reflect.DeepEqual(fields, map[string]string{"goal_id": "g1", "text": "Write CV", "done": "true", "position": "0"}) {
		t.Errorf("shared step sends %v", fields)
	}
	m := Milestone{Mission: MissionHealth, Title: "Dentist", Status: MilestonePlanned, Notes: "private", PhotoID: "p1", Shared: true}
	_, fields, ok = leaverFields(&m, nil)
	if _, notes := fields["notes"]; !ok || notes || fields["title"] != "Dentist" {
		t.Errorf("shared milestone sends %v", fields)
	}
	m.ChildID = "c1"
	if _, _, ok := leaverFields(&m, nil); ok {
		t.Error("a child's milestone would be sent from a care leaver's device")
	}
	for _, k := range []api.Kind{api.KindGoal, api.KindGoalStep, api.KindMilestone} {
		if !api.LeaverKinds[k] {
			t.Errorf("care leaver would send %s, which the protocol refuses", k)
		}
	}
}
