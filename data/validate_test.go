package data

import (
	"strings"
	"testing"
)

func TestValidationHelpers(t *testing.T) {
	must(t, check(nil, required("x", "name"), oneOf(MissionHome, Missions, "mission")))
	err := check(nil, required("  ", "name"), oneOf(Mission("moon"), Missions, "mission"))
	if err == nil || err.Error() != "name is required" {
		t.Errorf("first failure not reported: %v", err)
	}
	err = oneOf(Mission("moon"), Missions, "mission")
	if err == nil || !strings.Contains(err.Error(), `unknown mission "moon"`) {
		t.Errorf("oneOf error %v", err)
	}
}

func TestSaveErrorsNameTheOperationAndField(t *testing.T) {
	s := unlocked(t)
	err := s.SaveChild(&Child{Name: "Ada"})
	if err == nil || err.Error() != `save child: unknown arrangement ""` {
		t.Errorf("got %v", err)
	}
}
