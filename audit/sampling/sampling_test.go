package sampling

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// ceilSqrt is the least s with s² ≥ m, by counting up (independent of
// SampleSize's method).
func ceilSqrt(m int) int {
	s := 0
	for s*s < m {
		s++
	}
	return s
}

// wantSize is ⌈c·√n⌉ with c = tenths/10, as ⌈⌈√(tenths²·n)⌉ / 10⌉
// (⌈⌈x⌉/10⌉ = ⌈x/10⌉), all in integers.
func wantSize(tenths, n int) int {
	r := ceilSqrt(tenths * tenths * n)
	return (r + 9) / 10
}

func TestSampleSizesOneToHundred(t *testing.T) {
	tenths := map[SampleKind]int{SampleInitial: 10, SampleSurveillance: 6, SampleRecertification: 8}
	for n := 1; n <= 100; n++ {
		for kind, c := range tenths {
			if got, want := SampleSize(kind, n), wantSize(c, n); got != want {
				t.Errorf("SampleSize(%s, %d) = %d, want %d", kind, n, got, want)
			}
		}
	}
	// Worked by hand, perfect squares included: 0.6·√25 = 3 exactly.
	for _, c := range []struct{ n, initial, surveillance, recert int }{
		{0, 0, 0, 0}, {-3, 0, 0, 0},
		{1, 1, 1, 1}, {2, 2, 1, 2}, {3, 2, 2, 2}, {4, 2, 2, 2},
		{9, 3, 2, 3}, {16, 4, 3, 4}, {24, 5, 3, 4}, {25, 5, 3, 4}, {26, 6, 4, 5},
		{36, 6, 4, 5}, {49, 7, 5, 6}, {64, 8, 5, 7}, {81, 9, 6, 8}, {99, 10, 6, 8}, {100, 10, 6, 8}, {101, 11, 7, 9},
		{10000, 100, 60, 80}, {10001, 101, 61, 81},
	} {
		got := []int{SampleSize(SampleInitial, c.n), SampleSize(SampleSurveillance, c.n), SampleSize(SampleRecertification, c.n)}
		if want := []int{c.initial, c.surveillance, c.recert}; !slices.Equal(got, want) {
			t.Errorf("n = %d: sizes %v, want %v", c.n, got, want)
		}
	}
	if got, want := SampleSize(SampleSurveillance, 1_000_000), 600; got != want {
		t.Errorf("n = 10⁶: %d, want %d", got, want)
	}
}

// sites is a central function "CF" and n sites S001…; visited marks some
// as visited in the cycle.
func sites(n int, visited ...string) []SiteRef {
	out := []SiteRef{{Code: "CF", Central: true}}
	for i := 1; i <= n; i++ {
		c := fmt.Sprintf("S%03d", i)
		out = append(out, SiteRef{Code: c, VisitedInCycle: slices.Contains(visited, c)})
	}
	return out
}

func TestDrawEveryN(t *testing.T) {
	for n := 0; n <= 100; n++ {
		for _, kind := range SampleKinds {
			for seed := uint64(0); seed < 5; seed++ {
				s, err := Draw(sites(n), kind, seed*7919)
				if err != nil {
					t.Fatal(err)
				}
				size := SampleSize(kind, n)
				if s.Sites != n || s.Size != size || len(s.Chosen) != size {
					t.Fatalf("n = %d %s: %+v", n, kind, s)
				}
				// The central function is always in, and only once.
				if s.Central != "CF" || s.Visit[0] != "CF" || slices.Contains(s.Chosen, "CF") || len(s.Visit) != size+1 {
					t.Fatalf("n = %d %s: central function: %+v", n, kind, s)
				}
				// At least a quarter at random (at least one when there is a sample).
				if 4*len(s.Random) < size || (size > 0 && len(s.Random) == 0) || len(s.Random) != RandomCount(size) {
					t.Fatalf("n = %d %s: %d of %d at random", n, kind, len(s.Random), size)
				}
				// Chosen = Preferred ∪ Random, disjoint, sorted, real sites.
				all := append(slices.Clone(s.Preferred), s.Random...)
				slices.Sort(all)
				if !slices.Equal(all, s.Chosen) || !slices.IsSorted(s.Chosen) || len(slices.Compact(slices.Clone(all))) != size {
					t.Fatalf("n = %d %s: chosen %v, preferred %v, random %v", n, kind, s.Chosen, s.Preferred, s.Random)
				}
				for _, c := range s.Chosen {
					if !strings.HasPrefix(c, "S") || c > fmt.Sprintf("S%03d", n) {
						t.Fatalf("n = %d: %s is not a site", n, c)
					}
				}
			}
		}
	}
}

func TestDrawIsReproducibleFromItsSeed(t *testing.T) {
	in := sites(40, "S003", "S010", "S020")
	for _, kind := range SampleKinds {
		for seed := range uint64(50) {
			a, err := Draw(in, kind, seed)
			if err != nil {
				t.Fatal(err)
			}
			// Shown again from the recorded seed, and from the sites in another order.
			shuffled := slices.Clone(in)
			rand.New(rand.NewPCG(seed, 99)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			for _, again := range [][]SiteRef{in, shuffled} {
				b, err := Draw(again, a.Kind, a.Seed)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("seed %d: %+v\nredrawn %+v", seed, a, b)
				}
			}
		}
	}
	// Different seeds do draw differently.
	seen := map[string]bool{}
	for seed := range uint64(50) {
		s, _ := Draw(in, SampleInitial, seed)
		seen[strings.Join(s.Random, ",")] = true
	}
	if len(seen) < 10 {
		t.Errorf("50 seeds gave only %d different random parts", len(seen))
	}
}

// TestDrawGolden pins one draw: a change of the generator or of the
// method would change past draws that clients were shown.
func TestDrawGolden(t *testing.T) {
	s, err := Draw(sites(30), SampleInitial, 20250601)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"S010", "S011"}; !slices.Equal(s.Random, want) {
		t.Errorf("seed 20250601: random part %v, want %v", s.Random, want)
	}
	if want := []string{"S001", "S002", "S003", "S004"}; !slices.Equal(s.Preferred, want) {
		t.Errorf("seed 20250601: chosen first %v, want %v", s.Preferred, want)
	}
}

func TestDrawPrefersSitesNotVisited(t *testing.T) {
	// 16 sites, initial: 4 sites, 1 at random, 3 chosen first.
	visitedAllBut := func(unvisited ...string) []string {
		var v []string
		for i := 1; i <= 16; i++ {
			if c := fmt.Sprintf("S%03d", i); !slices.Contains(unvisited, c) {
				v = append(v, c)
			}
		}
		return v
	}
	for seed := range uint64(20) {
		s, err := Draw(sites(16, visitedAllBut("S004", "S009", "S013", "S015")...), SampleInitial, seed)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Preferred, []string{"S004", "S009", "S013"}) || len(s.Random) != 1 || slices.Contains(s.Preferred, s.Random[0]) {
			t.Fatalf("seed %d: preferred %v, random %v", seed, s.Preferred, s.Random)
		}
		// Fewer unvisited than places: all of them, then visited ones in code order.
		s, _ = Draw(sites(16, visitedAllBut("S012")...), SampleInitial, seed)
		if !slices.Equal(s.Preferred, []string{"S012", "S001", "S002"}) {
			t.Fatalf("seed %d: preferred %v", seed, s.Preferred)
		}
	}
	// Among unvisited sites the larger comes first.
	in := sites(9)
	in[5].Personnel, in[7].Personnel = 50, 80  // S005, S007
	s, _ := Draw(in, SampleRecertification, 1) // ⌈0.8·3⌉ = 3: 2 chosen, 1 random
	if !slices.Equal(s.Preferred, []string{"S007", "S005"}) {
		t.Errorf("preferred %v", s.Preferred)
	}
	if !strings.Contains(strings.Join(s.Reasons, "\n"), "seed 1") {
		t.Errorf("the reasons do not record the seed: %v", s.Reasons)
	}
}

func TestDrawIsFair(t *testing.T) {
	// 9 sites, surveillance: 2 sites, 1 at random from the 8 not chosen first.
	count := map[string]int{}
	const draws = 16000
	for seed := range uint64(draws) {
		s, _ := Draw(sites(9), SampleSurveillance, seed)
		count[s.Random[0]]++
	}
	if len(count) != 8 {
		t.Fatalf("drawn: %v", count)
	}
	for c, k := range count {
		if k < draws/8*85/100 || k > draws/8*115/100 {
			t.Errorf("%s drawn %d times of %d, want about %d", c, k, draws, draws/8)
		}
	}
}

func TestDrawRefuses(t *testing.T) {
	for _, c := range []struct {
		sites []SiteRef
		kind  SampleKind
		field string
	}{
		{nil, SampleInitial, "sites"},
		{sites(3), "special", "kind"},
		{[]SiteRef{{Code: "A", Central: true}, {Code: "B"}, {Code: "B"}}, SampleInitial, "sites[2].code"},
		{[]SiteRef{{Code: "A", Central: true}, {Code: ""}}, SampleInitial, "sites[1].code"},
		{[]SiteRef{{Code: "A", Central: true}, {Code: "B", Central: true}}, SampleInitial, "sites[1].central"},
		{[]SiteRef{{Code: "A"}, {Code: "B"}}, SampleInitial, "sites"},
	} {
		_, err := Draw(c.sites, c.kind, 1)
		fe, ok := err.(*FieldError)
		if !ok || fe.Field != c.field {
			t.Errorf("%+v %s: err = %v, want one naming %s", c.sites, c.kind, err, c.field)
		}
	}
	// One site is the central function, marked or not: nothing to sample.
	s, err := Draw([]SiteRef{{Code: "ONLY"}}, SampleInitial, 1)
	if err != nil || s.Size != 0 || !slices.Equal(s.Visit, []string{"ONLY"}) {
		t.Errorf("single site: %+v, %v", s, err)
	}
	if _, err := ParseSampleKind("Surveillance"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSampleKind("stage2"); err == nil {
		t.Error("ParseSampleKind accepted stage2")
	}
}

func TestCompareCodes(t *testing.T) {
	codes := []string{"S10", "HQ", "S2", "S1", "B", "S01", "A10B", "A9B", "S", "S100", "a"}
	slices.SortFunc(codes, CompareCodes)
	want := []string{"A9B", "A10B", "B", "HQ", "S", "S1", "S01", "S2", "S10", "S100", "a"}
	if !slices.Equal(codes, want) {
		t.Errorf("sorted %v, want %v", codes, want)
	}
	for _, c := range []string{"S1", "X", ""} {
		if CompareCodes(c, c) != 0 {
			t.Errorf("CompareCodes(%q, %q) != 0", c, c)
		}
	}
}
