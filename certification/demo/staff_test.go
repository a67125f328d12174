package demo

import (
	"testing"

	"certdesk/certification"
)

// dayNumber agrees with the calendar across leap years and centuries.
func TestDayNumber(t *testing.T) {
	d := certification.NewDate(1900, 1, 1)
	want := d.Time().Unix() / 86400
	for i := 0; i < 200*366; i++ {
		if got := dayNumber(d); int64(got) != want {
			t.Fatalf("dayNumber(%s) = %d, want %d", d, got, want)
		}
		d, want = d.AddDays(1), want+1
	}
}
