package sampling

// Multi-site sampling (IAF MD 1).
//
// With n sites besides the central function, an initial audit visits
// ⌈√n⌉ of them, each surveillance ⌈0.6·√n⌉ and a recertification
// ⌈0.8·√n⌉; the central function is visited in every audit besides the
// sample. The sizes are computed exactly in integers (the least k with
// k² ≥ n, 100·k² ≥ 36·n, 100·k² ≥ 64·n), so ⌈0.6·√25⌉ is 3, not 4.
//
// Of the sample, ⌈size/4⌉ sites (at least a quarter, at least one) are
// drawn at random; the rest are chosen first:
//   - sites not yet visited in the cycle before visited ones,
//   - then the larger site (more personnel) first,
//   - then in code order (numbers in codes compared as numbers: S2 before S10).
//
// The random part is then drawn from every site not chosen so far, by a
// partial Fisher–Yates shuffle of those sites in code order, driven by
// PCG-DXSM (math/rand/v2's PCG, seeded with (seed, pcgStream)) and an
// unbiased bounded draw written here, so the same sites, kind and seed
// always give the same sample, on any computer and Go version. The seed
// is recorded in the sample: Draw(sites, s.Kind, s.Seed) shows the draw
// again.

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
)

// FieldError is an input the draw refuses; Field names the input
// ("sites[2].code", "kind").
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// SampleKind is the audit a sample is for.
type SampleKind string

const (
	SampleInitial         SampleKind = "initial"
	SampleSurveillance    SampleKind = "surveillance"
	SampleRecertification SampleKind = "recertification"
)

// SampleKinds lists the kinds of sample.
var SampleKinds = []SampleKind{SampleInitial, SampleSurveillance, SampleRecertification}

// pcgStream is the second PCG seed word: "CertDesk" in ASCII.
const pcgStream = 0x436572744465736B

// ParseSampleKind reads a kind of sample.
func ParseSampleKind(s string) (SampleKind, error) {
	k := SampleKind(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(SampleKinds, k) {
		return "", fmt.Errorf("%q is not a kind of sample: use initial, surveillance or recertification", s)
	}
	return k, nil
}

// sizeRatio is c² of ⌈c·√n⌉ as a fraction num/den.
func sizeRatio(kind SampleKind) (num, den int) {
	switch kind {
	case SampleInitial:
		return 1, 1
	case SampleSurveillance:
		return 36, 100
	case SampleRecertification:
		return 64, 100
	}
	panic(fmt.Sprintf("audit: unknown sample kind %q", kind))
}

// SampleSize is the number of sites to sample besides the central
// function, with n sites besides it: ⌈√n⌉ (initial), ⌈0.6·√n⌉
// (surveillance), ⌈0.8·√n⌉ (recertification); 0 for n ≤ 0. It panics on
// a kind not in SampleKinds (see ParseSampleKind).
func SampleSize(kind SampleKind, n int) int {
	num, den := sizeRatio(kind)
	if n <= 0 {
		return 0
	}
	// The least k with den·k² ≥ num·n: a floating-point estimate, then
	// corrected in integers (exact for any n below 2⁵⁶).
	k := int(math.Sqrt(float64(num) * float64(n) / float64(den)))
	for k > 0 && den*(k-1)*(k-1) >= num*n {
		k--
	}
	for den*k*k < num*n {
		k++
	}
	return k
}

// SiteRef is a site as sampling sees it.
type SiteRef struct {
	Code    string `json:"code"`
	Central bool   `json:"central,omitempty"`
	// VisitedInCycle: the site has been audited in the current cycle.
	VisitedInCycle bool `json:"visited_in_cycle,omitempty"`
	Personnel      int  `json:"personnel,omitempty"`
}

// Sample is the sites an audit visits.
type Sample struct {
	Kind SampleKind `json:"kind"`
	// Sites is n, the number of sites besides the central function.
	Sites   int    `json:"sites"`
	Size    int    `json:"size"`
	Central string `json:"central"`
	// Chosen is the sample besides the central function, in code order (CompareCodes).
	Chosen []string `json:"chosen"`
	// Preferred is the part chosen first, in the order chosen.
	Preferred []string `json:"preferred"`
	// Random is the part drawn at random, in the order drawn.
	Random []string `json:"random"`
	// Visit is every site the audit visits: the central function, then Chosen.
	Visit   []string `json:"visit"`
	Seed    uint64   `json:"seed"`
	Reasons []string `json:"reasons"`
}

// RandomCount is the random part of a sample of size sites: ⌈size/4⌉.
func RandomCount(size int) int { return (size + 3) / 4 }

// Draw samples the sites for an audit of the given kind. The same
// sites (in any order), kind and seed give the same sample.
func Draw(sites []SiteRef, kind SampleKind, seed uint64) (Sample, error) {
	if !slices.Contains(SampleKinds, kind) {
		return Sample{}, fieldErr("kind", "%q is not a kind of sample: use initial, surveillance or recertification", kind)
	}
	if len(sites) == 0 {
		return Sample{}, fieldErr("sites", "there are no sites to sample")
	}
	all := slices.Clone(sites)
	seen := map[string]bool{}
	central := -1
	for i := range all {
		all[i].Code = strings.TrimSpace(all[i].Code)
		c := all[i].Code
		if c == "" {
			return Sample{}, fieldErr(fmt.Sprintf("sites[%d].code", i), "each site needs a code")
		}
		if seen[c] {
			return Sample{}, fieldErr(fmt.Sprintf("sites[%d].code", i), "site code %q is used twice", c)
		}
		seen[c] = true
		if all[i].Central {
			if central >= 0 {
				return Sample{}, fieldErr(fmt.Sprintf("sites[%d].central", i), "only one site can be the central function (%s and %s are)", all[central].Code, c)
			}
			central = i
		}
	}
	if central < 0 {
		if len(all) > 1 {
			return Sample{}, fieldErr("sites", "a multi-site organisation needs one site marked as the central function")
		}
		central = 0
	}
	s := Sample{Kind: kind, Central: all[central].Code, Seed: seed, Chosen: []string{}, Preferred: []string{}, Random: []string{}}
	others := slices.Delete(all, central, central+1)
	slices.SortFunc(others, func(a, b SiteRef) int { return CompareCodes(a.Code, b.Code) })
	n := len(others)
	s.Sites = n
	s.Size = SampleSize(kind, n)
	formula := map[SampleKind]string{SampleInitial: "⌈√n⌉", SampleSurveillance: "⌈0.6·√n⌉", SampleRecertification: "⌈0.8·√n⌉"}[kind]
	s.Reasons = append(s.Reasons, fmt.Sprintf("IAF MD 1, %s audit: %d sites besides the central function → %s = %d sites, plus the central function %s, which is in every audit.", kind, n, formula, s.Size, s.Central))
	if n == 0 {
		s.Visit = []string{s.Central}
		return s, nil
	}

	random := RandomCount(s.Size)
	pick := s.Size - random
	order := slices.Clone(others)
	slices.SortStableFunc(order, func(a, b SiteRef) int {
		if a.VisitedInCycle != b.VisitedInCycle {
			if !a.VisitedInCycle {
				return -1
			}
			return 1
		}
		return b.Personnel - a.Personnel // code order is kept on ties
	})
	unvisited := 0
	for _, o := range others {
		if !o.VisitedInCycle {
			unvisited++
		}
	}
	taken := map[string]bool{}
	for _, o := range order[:pick] {
		s.Preferred = append(s.Preferred, o.Code)
		taken[o.Code] = true
	}
	s.Reasons = append(s.Reasons, fmt.Sprintf("Not yet visited in this cycle: %d of the %d sites.", unvisited, n))
	if pick > 0 {
		s.Reasons = append(s.Reasons, fmt.Sprintf("Chosen first (%d): %s — sites not yet visited in the cycle before visited ones, then the larger site, then code order.", pick, strings.Join(s.Preferred, ", ")))
	}

	var pool []string
	for _, o := range others {
		if !taken[o.Code] {
			pool = append(pool, o.Code)
		}
	}
	rng := rand.NewPCG(seed, pcgStream)
	for i := 0; i < random; i++ {
		j := i + int(uniform(rng, uint64(len(pool)-i)))
		pool[i], pool[j] = pool[j], pool[i]
		s.Random = append(s.Random, pool[i])
	}
	s.Reasons = append(s.Reasons, fmt.Sprintf("Drawn at random (%d, at least a quarter of the sample): %s — from the %d sites not chosen first, with seed %d (PCG); the same seed shows the same draw.", random, strings.Join(s.Random, ", "), len(pool), seed))

	s.Chosen = append(slices.Clone(s.Preferred), s.Random...)
	slices.SortFunc(s.Chosen, CompareCodes)
	s.Visit = append([]string{s.Central}, s.Chosen...)
	return s, nil
}

// CompareCodes orders site codes with the numbers in them compared as
// numbers: "S2" before "S10", "HQ" before "S1".
func CompareCodes(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			if c := da - db; c != 0 { // "S01" after "S1"
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// uniform returns a uniformly distributed number in [0, n) (n > 0),
// by Lemire's multiply-and-reject method on the generator's 64-bit output.
func uniform(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}
