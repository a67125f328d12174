package app

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"certdesk/assets"
	"certdesk/certification"
)

// findingStatusFilterText names a status in the status filter, where
// one entry covers minors and majors.
func findingStatusFilterText(st certification.FindingStatus) string {
	if st == certification.FindingPlanAccepted {
		return "Plan accepted / to verify"
	}
	return st.Label(certification.Minor)
}

// stdName is a standard without its edition, for narrow columns.
func stdName(s certification.Standard) string {
	n, _, _ := strings.Cut(string(s), ":")
	return n
}

// orDash shows an empty value as a dash.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// sectorEntry is an IAF sector code with its title.
type sectorEntry struct {
	code  int
	title string
}

// sectorList reads the embedded list of IAF sectors once.
var sectorList = sync.OnceValue(func() []sectorEntry {
	var out []sectorEntry
	for i, line := range strings.Split(assets.IAFSectors, "\n") {
		code, title, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(code))
		if err != nil {
			continue
		}
		out = append(out, sectorEntry{n, strings.TrimSpace(title)})
	}
	return out
})

// sectorTitle is an IAF code's title.
func sectorTitle(code int) string {
	for _, s := range sectorList() {
		if s.code == code {
			return s.title
		}
	}
	return "unknown sector"
}

func auditStatusWords(s certification.AuditStatus) string {
	return strings.ReplaceAll(string(s), "-", " ")
}

func recommendationWords(r certification.Recommendation) string {
	if r == certification.RecommendNotYet {
		return "not until the NCs are closed"
	}
	return strings.ReplaceAll(string(r), "-", " ")
}

// interestKindText is a kind of interest as staff say it.
func interestKindText(k certification.InterestKind) string {
	s := string(k)
	return strings.ToUpper(s[:1]) + s[1:]
}

// stdNumber is a standard's number alone: "42001".
func stdNumber(s certification.Standard) string {
	n := stdName(s)
	if i := strings.LastIndexByte(n, ' '); i >= 0 {
		n = n[i+1:]
	}
	return n
}

// daysText writes a number of days.
func daysText(n int) string {
	switch n {
	case 0:
		return "today"
	case 1, -1:
		return fmt.Sprintf("%d day", n)
	}
	return fmt.Sprintf("%d days", n)
}

// longDate writes a date for reading: "Tuesday 24 November 2026".
func longDate(d certification.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Monday 2 January 2006")
}
