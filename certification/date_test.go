package certification

import (
	"encoding/json"
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2024-02-29", true},
		{"2023-02-29", false},
		{"2024-13-01", false},
		{"2024-04-31", false},
		{"2024-4-3", false},
		{"24-04-03", false},
		{"1899-12-31", false},
		{"2024-12-31", true},
		{"", false},
		{"2024-00-10", false},
	} {
		_, err := ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-05-31", 1, "2024-06-30"},
		{"2024-12-15", 1, "2025-01-15"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2024-06-15", 0, "2024-06-15"},
		{"2024-11-30", 3, "2025-02-28"},
	} {
		if got := d(tc.from).AddMonths(tc.n); got != d(tc.want) {
			t.Errorf("%s + %d months = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestAddDaysAndDaysUntil(t *testing.T) {
	if got := d("2024-02-28").AddDays(1); got != d("2024-02-29") {
		t.Errorf("got %s", got)
	}
	if got := d("2023-12-31").AddDays(1); got != d("2024-01-01") {
		t.Errorf("got %s", got)
	}
	if got := d("2024-03-01").AddDays(-1); got != d("2024-02-29") {
		t.Errorf("got %s", got)
	}
	if n := d("2024-01-01").DaysUntil(d("2025-01-01")); n != 366 {
		t.Errorf("days in 2024 = %d", n)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		A Date `json:"a"`
		B Date `json:"b,omitzero"`
	}
	b, err := json.Marshal(rec{A: d("2026-11-24")})
	if err != nil || string(b) != `{"a":"2026-11-24"}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"a":"2026-02-30"}`), &r); err == nil {
		t.Fatal("an impossible date was accepted")
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-02-28","b":""}`), &r); err != nil || r.A != d("2026-02-28") || r.B != 0 {
		t.Fatalf("unmarshal = %+v, %v", r, err)
	}
}

func TestExpiry(t *testing.T) {
	def := DefaultPolicy()
	plus := DefaultPolicy()
	plus.ExpiryPlusThreeYears = true
	for _, tc := range []struct {
		decided, want, wantPlus string
	}{
		{"2024-06-15", "2027-06-14", "2027-06-15"},
		{"2024-02-29", "2027-02-28", "2027-02-28"}, // leap day: the day before the (clamped) anniversary
		{"2024-03-01", "2027-02-28", "2027-03-01"},
		{"2025-01-01", "2027-12-31", "2028-01-01"},
		{"2025-03-01", "2028-02-29", "2028-03-01"}, // expiry in a leap year
	} {
		if got := def.Expiry(d(tc.decided)); got != d(tc.want) {
			t.Errorf("expiry(%s) = %s, want %s", tc.decided, got, tc.want)
		}
		if got := plus.Expiry(d(tc.decided)); got != d(tc.wantPlus) {
			t.Errorf("expiry+3y(%s) = %s, want %s", tc.decided, got, tc.wantPlus)
		}
	}
}

func TestCertificateNumber(t *testing.T) {
	p := DefaultPolicy()
	if got := p.CertificateNumber(ISO42001, 2026, 42); got != "CD-42001-2026-00042" {
		t.Errorf("got %s", got)
	}
	if got := p.CertificateNumber(ISO9001, 2026, 7); got != "CD-9001-2026-00007" {
		t.Errorf("got %s", got)
	}
	p.CertificateNumberFormat = "NOSEQ"
	if err := p.Validate(); err == nil {
		t.Error("a format without {SEQ} was accepted")
	}
}

// AddDays in integer arithmetic agrees with time's AddDate on every day
// from 1900 to 2400 (leap years of every kind, month and year ends),
// forwards and backwards by steps small and large; month lengths agree
// with time's.
func TestAddDaysAgreesWithTime(t *testing.T) {
	byTime := func(d Date, n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }
	steps := []int{-40000, -1461, -366, -365, -31, -1, 0, 1, 28, 29, 30, 31, 59, 365, 366, 1460, 1461, 36524, 146097}
	checked := 0
	for day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2400; day = day.AddDate(0, 0, 1) {
		d := DateOf(day)
		for _, n := range steps {
			want := day.AddDate(0, 0, n)
			if want.Year() < 1900 || want.Year() > 9999 {
				continue
			}
			if got := d.AddDays(n); got != byTime(d, n) {
				t.Fatalf("%s.AddDays(%d) = %s, time says %s", d, n, got, byTime(d, n))
			}
			checked++
		}
	}
	for y := 1900; y <= 2400; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %s) = %d, time says %d", y, m, got, want)
			}
		}
	}
	if checked < 2_000_000 {
		t.Fatalf("only %d cases checked", checked)
	}
}

func BenchmarkAddDays(b *testing.B) {
	d := NewDate(2026, time.November, 24)
	for b.Loop() {
		d = d.AddDays(1)
		if d > 20300000 {
			d = NewDate(2026, time.November, 24)
		}
	}
}
