package certification

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date with no time of day and no zone, stored as
// yyyymmdd so that dates compare with < and sort as index keys. The zero
// Date means "not set".
type Date int32

// NewDate returns the date y-m-d. It panics on an impossible date; use
// ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	if !validYMD(y, int(m), d) {
		panic(fmt.Sprintf("certification: invalid date %04d-%02d-%02d", y, m, d))
	}
	return Date(y*10000 + int(m)*100 + d)
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads an ISO 8601 calendar date (2006-01-02).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil || !validYMD(y, m, d) {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
	}
	return Date(y*10000 + m*100 + d), nil
}

func validYMD(y, m, d int) bool {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, time.Month(m))
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == 0 }

func (d Date) Year() int         { return int(d) / 10000 }
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }
func (d Date) Day() int          { return int(d) % 100 }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days later (earlier for negative n).
// The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d == 0 {
		return 0
	}
	return DateOf(d.Time().AddDate(0, 0, n))
}

// AddMonths returns the same day n months later. When that month is
// shorter the result is its last day (31 January + 1 month = 28 or 29
// February), never a day of the month after: a deadline "n months after"
// must not overshoot.
func (d Date) AddMonths(n int) Date {
	if d == 0 {
		return 0
	}
	total := d.Year()*12 + int(d.Month()) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	day := min(d.Day(), daysIn(y, m))
	return Date(y*10000 + int(m)*100 + day)
}

// DaysUntil returns the number of days from d to e (negative if e is before d).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), int(d.Month()), d.Day())
}

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Clock tells the domain what time it is. Production code passes
// SystemClock from outside the domain; tests pass a fixed clock.
type Clock interface{ Now() time.Time }

// FixedClock always answers the same instant.
type FixedClock time.Time

func (c FixedClock) Now() time.Time { return time.Time(c) }
