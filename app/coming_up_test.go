package app

import (
	"testing"
	"time"
)

func TestComingUp(t *testing.T) {
	today := date(2026, 11, 25)
	goal := func(title string, target time.Time, steps ...bool) Goal {
		g := Goal{Mission: MissionHome, Title: title, TargetDate: target}
		for _, done := range steps {
			g.Steps = append(g.Steps, Step{Text: "step", Done: done})
		}
		return g
	}
	goals := []Goal{
		goal("overdue", date(2026, 11, 1), true, false),
		goal("done and past", date(2026, 10, 1), true, true),
		goal("soon", date(2026, 12, 5)),
		goal("at the horizon", date(2027, 1, 24)),
		goal("too far", date(2027, 1, 25)),
		goal("undated", time.Time{}),
	}
	p := LeaverProfile{DateOfBirth: date(2007, 5, 1), PathwayReviewDate: date(2026, 6, 10)}
	got := comingUp(p, goals, today)
	type item struct {
		title string
		due   time.Time
		days  int
	}
	var items []item
	for _, u := range got {
		title := u.Goal.Title
		if u.Kind == UpcomingPathwayReview {
			title = "review"
		}
		items = append(items, item{title, u.Due, u.DaysLeft})
	}
	want := []item{
		{"overdue", date(2026, 11, 1), -24},
		{"soon", date(2026, 12, 5), 10},
		{"review", date(2026, 12, 10), 15},
		{"at the horizon", date(2027, 1, 24), 60},
	}
	if len(items) != len(want) {
		t.Fatalf("coming up = %+v, want %+v", items, want)
	}
	for i := range want {
		if items[i].title != want[i].title || !items[i].due.Equal(want[i].due) || items[i].days != want[i].days {
			t.Errorf("item %d = %+v, want %+v", i, items[i], want[i])
		}
	}
	if !got[0].Overdue() || got[1].Overdue() {
		t.Error("Overdue is wrong")
	}
}

func TestNextPathwayReview(t *testing.T) {
	today := date(2026, 11, 25)
	for _, c := range []struct {
		name string
		p    LeaverProfile
		want time.Time
	}{
		{"six months on", LeaverProfile{PathwayReviewDate: date(2026, 3, 1)}, date(2026, 9, 1)},
		{"by the end of a shorter month", LeaverProfile{PathwayReviewDate: date(2026, 8, 31)}, date(2027, 2, 28)},
		{"first plan still ahead", LeaverProfile{DateOfBirth: date(2010, 9, 30)}, date(2026, 12, 30)},
		{"first plan passed, no review known", LeaverProfile{DateOfBirth: date(2007, 5, 1)}, time.Time{}},
		{"nothing known", LeaverProfile{}, time.Time{}},
	} {
		if got := nextPathwayReview(c.p, today); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLeaverComingUpReadsTheStore(t *testing.T) {
	a := leaverApp(t)
	g := Goal{Mission: MissionWork, Title: "Saturday job", TargetDate: date(2026, 12, 1)}
	if err := a.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	got, err := a.LeaverComingUp()
	if err != nil || len(got) != 2 || got[0].Goal.ID != g.ID || got[1].Kind != UpcomingPathwayReview || got[1].Overdue() {
		t.Fatalf("coming up = %+v, %v", got, err)
	}
}
