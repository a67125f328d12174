package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

// docCommands reads the command table of docs/cli.md: per verb named in
// its first column, the flags written there.
func docCommands(t *testing.T, verbNames []string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "\n## Commands\n")
	if !ok {
		t.Fatal("docs/cli.md has no ## Commands section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	span := regexp.MustCompile("`([^`]+)`")
	flag := regexp.MustCompile(`--[a-z][a-z0-9-]*`)
	docs := map[string][]string{}
	var inherit []string
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.ReplaceAll(strings.SplitN(line[1:], " | ", 2)[0], `\|`, "|")
		for _, m := range span.FindAllStringSubmatch(first, -1) {
			names := docVerbs(m[1], verbNames)
			if len(names) == 0 {
				t.Errorf("docs/cli.md names a command certctl does not have: %s", m[1])
			}
			flags := flag.FindAllString(m[1], -1)
			for _, n := range names {
				docs[n] = append(docs[n], flags...)
				if strings.Contains(m[1], "[audit-time flags]") {
					inherit = append(inherit, n)
				}
			}
		}
	}
	for _, n := range inherit { // "[audit-time flags]": the flags of audit-time
		docs[n] = append(docs[n], docs["audit-time"]...)
	}
	return docs
}

// docVerbs is the verb (or verbs, for "export xlsx a|b") a doc line starts with.
func docVerbs(s string, verbNames []string) []string {
	prefixes := []string{""}
	for _, w := range strings.Fields(s) {
		var next []string
		for _, p := range prefixes {
			for _, alt := range strings.Split(w, "|") {
				if c := strings.TrimSpace(p + " " + alt); slices.ContainsFunc(verbNames, func(v string) bool { return v == c || strings.HasPrefix(v, c+" ") }) {
					next = append(next, c)
				}
			}
		}
		if len(next) == 0 {
			break
		}
		prefixes = next
	}
	var out []string
	for _, p := range prefixes {
		if slices.Contains(verbNames, p) {
			out = append(out, p)
		}
	}
	return out
}

// TestDocsCommandTable checks docs/cli.md's command table against the
// command line: every verb is there with every flag it takes, and the
// table names no verb or flag certctl does not have.
func TestDocsCommandTable(t *testing.T) {
	var e env
	e.stdout = &bytes.Buffer{}
	p, err := e.newParser(&commandLine{})
	if err != nil {
		t.Fatal(err)
	}
	root := p.Model.Node
	var names []string
	model := map[string]*kong.Node{}
	for _, v := range verbs(root) {
		names = append(names, verbPath(v))
		model[verbPath(v)] = v
	}
	docs := docCommands(t, names)
	for _, name := range names {
		flags, ok := docs[name]
		if !ok {
			t.Errorf("docs/cli.md's command table lacks %s; its usage is: %s", name, synopsis(model[name]))
			continue
		}
		var have []string
		for _, f := range visibleFlags(model[name]) {
			have = append(have, "--"+f.Name)
			for _, a := range f.Aliases {
				if slices.Contains(flags, "--"+a) {
					flags = append(flags, "--"+f.Name)
				}
			}
			if !slices.Contains(flags, "--"+f.Name) {
				t.Errorf("docs/cli.md: %s does not mention its flag --%s (usage: %s)", name, f.Name, synopsis(model[name]))
			}
		}
		for _, f := range flags {
			global := slices.ContainsFunc(root.Flags, func(g *kong.Flag) bool { return "--"+g.Name == f })
			alias := slices.ContainsFunc(visibleFlags(model[name]), func(g *kong.Flag) bool { return slices.Contains(g.Aliases, f[2:]) })
			if !slices.Contains(have, f) && !global && !alias {
				t.Errorf("docs/cli.md: %s has no flag %s", name, f)
			}
		}
	}
}

// The demo's register grows with --clients (certification/demo/staff.go
// hires as the clients need): docs/cli.md gives no count of its people
// (issue 19: it said 14 staff, and --clients 20 made 19), and the count
// the demo prints is the register's.
func TestDocsDemoPeople(t *testing.T) {
	b, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	_, row, _ := strings.Cut(string(b), "\n| `demo ")
	row, _, _ = strings.Cut(row, "\n")
	if m := regexp.MustCompile(`\b\d+ (named )?(staff|people|persons)\b`).FindString(row); m != "" || row == "" {
		t.Errorf("docs/cli.md's demo row says %q: the number of people depends on --clients; point to the summary instead\n%s", m, row)
	}
	cleanEnv(t)
	dir := t.TempDir()
	var d struct{ Summary struct{ People int } }
	decodeJSON(t, ok(t, dir, "demo", "--clients", "20", "--seed", "1", "--as-of", "2026-11-24", "--json"), &d)
	var reg struct{ People []json.RawMessage }
	decodeJSON(t, ok(t, dir, "person", "list", "--json"), &reg)
	if d.Summary.People != len(reg.People) || d.Summary.People == 0 {
		t.Errorf("demo says %d people, the register holds %d", d.Summary.People, len(reg.People))
	}
}
