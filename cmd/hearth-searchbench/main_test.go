package main

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(101-i)*time.Millisecond)
	}
	if got := Percentile(ds, 50); got != 50*time.Millisecond {
		t.Errorf("p50 = %v", got)
	}
	if got := Percentile(ds, 95); got != 95*time.Millisecond {
		t.Errorf("p95 = %v", got)
	}
	if got := Percentile(nil, 95); got != 0 {
		t.Errorf("p95 of nothing = %v", got)
	}
}
