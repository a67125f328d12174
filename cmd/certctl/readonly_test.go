package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"certdesk/storage"
)

// readCommands makes a demo folder and returns it with every command that
// changes nothing, each with the files it reads beside the folder and
// writing into tmp/out.
func readCommands(t *testing.T) (tmp, dir string, cmds [][]string) {
	t.Helper()
	tmp, dir = demoBeside(t, "6")
	pdf := filepath.Join(tmp, "cert.pdf")
	ok(t, dir, "export", "pdf", "certificate", "--certificate", "1", "--out", pdf, "--as", "13") // records the document: before the reader
	responses := filepath.Join(tmp, "responses.xlsx")
	ok(t, dir, "export", "xlsx", "responses", "--client", "5", "--out", responses)

	if err := os.MkdirAll(filepath.Join(tmp, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := func(name string) string { return filepath.Join(tmp, "out", name) }
	return tmp, dir, [][]string{
		{"status"}, {"schedule"}, {"dashboard"}, {"journal"}, {"verify"}, {"verify", "--indexes"},
		{"policy", "show"}, {"person", "list"}, {"person", "interest", "list", "1"}, {"client", "list"}, {"client", "show", "1"},
		{"audit", "show", "1"}, {"audit", "due", "1"}, {"audit", "time", "1"}, {"audit", "report-details", "1"},
		{"finding", "list"}, {"evidence", "list", "1"}, {"team", "suggest", "1"}, {"team-check", "--audit", "1"},
		{"audit-time", "--client", "1"},
		{"sample", "--kind", "initial", "--sites", "4"},
		{"export", "json", "--out", out("body.json")},
		{"export", "xlsx", "certificates", "--out", out("certificates.xlsx")},
		{"export", "xlsx", "findings", "--out", out("findings.xlsx")},
		{"export", "xlsx", "programme", "--out", out("programme.xlsx")},
		{"export", "xlsx", "audit-plan", "--audit", "1", "--out", out("plan.xlsx")},
		{"export", "xlsx", "audit-report", "--audit", "1", "--out", out("report.xlsx")},
		{"export", "xlsx", "responses", "--client", "5", "--out", out("responses.xlsx")},
		{"export", "xlsx", "decision", "--decision", "1", "--out", out("decision.xlsx")},
		{"export", "xlsx", "certsearch", "--out", out("certsearch")},
		{"export", "pdf", "report", "--audit", "1", "--draft", "--out", out("draft.pdf")},
		{"import-responses", responses, "--client", "5"},
		{"check-document", pdf},
		{"backup", "--out", out("body.certdesk-backup")},
		{"publish", "--out", out("site")},
	}
}

// Every command that changes nothing opens the data folder read-only
// (issue 18: a read-write open costs 1.74x a read-only one). Each runs
// while another reader holds the folder: Badger's read-only opens share
// the folder's lock, so a command that opened it for changes would be
// refused (exit 2, in use).
func TestReadCommandsOpenReadOnly(t *testing.T) {
	_, dir, cmds := readCommands(t)
	reader, err := storage.OpenWith(dir, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) { ok(t, dir, args...) })
	}
}

// A command that only reads never makes a data folder (issue 19): on a
// mistyped --data it says there is none there and how to make one, and
// leaves the folder as it was, missing or empty.
func TestReadCommandsMakeNoFolder(t *testing.T) {
	tmp, _, cmds := readCommands(t)
	missing := filepath.Join(tmp, "no-such-folder")
	empty := filepath.Join(tmp, "empty-folder")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			pure := args[0] == "sample" && slices.Contains(args, "--sites") // a calculation: it reads no folder
			if pure {
				ok(t, missing, args...)
			} else {
				fails(t, missing, exitInput, "there is no CertDesk data in "+missing+": ", args...)
			}
			if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s was made (%v)", missing, err)
			}
			if pure {
				return
			}
			r := fails(t, empty, exitInput, "there is no CertDesk data in "+empty+": ", args...)
			if !strings.Contains(r.stderr, "certctl demo") || !strings.Contains(r.stderr, "certctl import") {
				t.Errorf("the message does not say how to make a data folder: %s", r.stderr)
			}
			if names, _ := os.ReadDir(empty); len(names) > 0 {
				t.Fatalf("%s holds %d files after a reading", empty, len(names))
			}
		})
	}
}
