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
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return monthDays[m-1]
}

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

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
	if validYMD(d.Year(), int(d.Month()), d.Day()) {
		if y, m, day := civilFromDays(daysFromCivil(d.Year(), int(d.Month()), d.Day()) + n); y >= 1900 && y <= 9999 {
			return Date(y*10000 + m*100 + day)
		}
	}
	return DateOf(d.Time().AddDate(0, 0, n)) // out of range: as time does it (NewDate refuses it)
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar, and civilFromDays its inverse (H.
// Hinnant's algorithms): AddDays in integer arithmetic rather than
// through time.Time, which was a tenth of the decision queue's time.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= 1899 here
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = (mp+2)%12 + 1
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
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
