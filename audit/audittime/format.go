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
