package audittime

import (
	"math"
	"strconv"
	"strings"
)

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func fmtNum(x float64) string { return strconv.FormatFloat(round(x, 4), 'f', -1, 64) }

func fmtDays(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

func fmtPct(p float64) string {
	s := fmtNum(p) + " %"
	if p > 0 {
		return "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}

// DayUnit is the unit after a number d of auditor-days. The rule, for
// every text CertDesk writes: the singular "auditor-day" for exactly
// one, the plural for every other number, fractions and zero included
// ("0.5 auditor-days", "1.5 auditor-days", "0 auditor-days"), as English
// writes "0.5 days" and "1.5 days". Texts that write the number their
// own way (a decimal comma, %g) take the unit from here.
func DayUnit(d float64) string {
	if d == 1 {
		return "auditor-day"
	}
	return "auditor-days"
}

// AuditorDays writes a number of auditor-days with its unit: "1
// auditor-day", "2.5 auditor-days" (DayUnit).
func AuditorDays(d float64) string { return fmtDays(d) + " " + DayUnit(d) }
