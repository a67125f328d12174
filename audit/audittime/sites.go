package audittime

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"certdesk/audit/sampling"
)

// splitSites shares the time out over the sites.
func splitSites(in []SiteInput, res *Result) ([]SiteTime, error) {
	seen := map[string]bool{}
	central := -1
	sites := make([]SiteTime, len(in))
	for i, s := range in {
		f := fmt.Sprintf("sites[%d]", i)
		code := strings.TrimSpace(s.Code)
		if code == "" {
			return nil, fieldErr(f+".code", "each site needs a code")
		}
		if seen[code] {
			return nil, fieldErr(f+".code", "site code %q is used twice", code)
		}
		seen[code] = true
		if s.Personnel < 0 {
			return nil, fieldErr(f+".personnel", "site %s: personnel cannot be negative", code)
		}
		if s.Central {
			if central >= 0 {
				return nil, fieldErr(f+".central", "site %s: only one site can be the central function (%s is)", code, in[central].Code)
			}
			central = i
		}
		sites[i] = SiteTime{Code: code, Central: s.Central, Personnel: s.Personnel}
	}
	if len(sites) > 1 && central < 0 {
		return nil, fieldErr("sites", "several sites need one central function")
	}
	if central < 0 {
		central = 0
	}
	// Central function first, the others in code order.
	c := sites[central]
	sites = slices.Delete(sites, central, central+1)
	slices.SortFunc(sites, func(a, b SiteTime) int { return sampling.CompareCodes(a.Code, b.Code) })
	sites = slices.Insert(sites, 0, c)

	w := make([]float64, len(sites))
	total := 0.0
	for i, s := range sites {
		w[i] = float64(s.Personnel)
		total += w[i]
	}
	if total == 0 {
		for i := range w {
			w[i] = 1
		}
		total = float64(len(w))
	}
	if len(w) > 1 {
		others := total - w[0]
		if least := CentralMinShare / (1 - CentralMinShare) * others; w[0] < least {
			w[0] = least
			total = others + least
		}
	}
	for i := range sites {
		sites[i].Share = round(w[i]/total*100, 1)
	}
	st2 := SplitHalfDays(res.Stage2.Days, w)
	sv := SplitHalfDays(res.Surveillance.Days, w)
	rc := SplitHalfDays(res.Recertification.Days, w)
	for i := range sites {
		if i == 0 {
			sites[i].Stage1 = res.Stage1.Days
		}
		sites[i].Stage2, sites[i].Surveillance, sites[i].Recertification = st2[i], sv[i], rc[i]
		sites[i].Initial = sites[i].Stage1 + sites[i].Stage2
	}
	return sites, nil
}

// SplitHalfDays shares total (a number of half days) out in half days in
// proportion to the weights: largest remainder, ties to the earlier
// share; then every share gets at least half a day if the total allows,
// taken from the largest share (the later one on ties). The shares add
// up to total.
func SplitHalfDays(total float64, weights []float64) []float64 {
	n := len(weights)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	units := int(math.Round(total * 2))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	got := make([]int, n)
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	left := units
	for i, w := range weights {
		q := float64(units) * w / sum
		if sum == 0 {
			q = float64(units) / float64(n)
		}
		got[i] = int(math.Floor(q + eps))
		left -= got[i]
		rems = append(rems, rem{i, q - float64(got[i])})
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.r > b.r+eps:
			return -1
		case b.r > a.r+eps:
			return 1
		}
		return a.i - b.i
	})
	for k := 0; left > 0; k = (k + 1) % n {
		got[rems[k].i]++
		left--
	}
	if units >= n {
		for i := range got {
			for got[i] == 0 {
				big := 0
				for j := range got {
					if got[j] >= got[big] {
						big = j
					}
				}
				got[big]--
				got[i]++
			}
		}
	}
	for i := range got {
		out[i] = float64(got[i]) / 2
	}
	return out
}
