package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

type result struct {
	code           int
	stdout, stderr string
}

// cli runs certctl on the data folder dir.
func cli(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--data", dir}, args...), strings.NewReader(""), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// ok runs certctl and fails the test unless it exits 0.
func ok(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := cli(t, dir, args...)
	if r.code != 0 {
		t.Fatalf("certctl %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// fails runs certctl and checks the exit code and that stderr says want.
func fails(t *testing.T, dir string, code int, want string, args ...string) result {
	t.Helper()
	r := cli(t, dir, args...)
	if r.code != code || !strings.Contains(r.stderr, want) {
		t.Fatalf("certctl %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, code, want, r.stdout, r.stderr)
	}
	return r
}

func decodeJSON(t *testing.T, s string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
}

func cleanEnv(t *testing.T) {
	t.Setenv(UserEnv, "")
	t.Setenv(storage.DataEnv, "")
	t.Setenv(storage.PassphraseEnv, "")
	t.Setenv(NewPassphraseEnv, "")
	t.Setenv(storage.IdentityPassphraseEnv, "")
}

// keyPass seals the identity keys of the people the tests add.
const keyPass = "people sign their own changes"

// withKeys gives certctl the passphrase of new identity keys and of the
// acting person's: every person a test adds to a body with an
// administrator shares it.
func withKeys(t *testing.T) {
	t.Setenv(NewPassphraseEnv, keyPass)
	t.Setenv(storage.IdentityPassphraseEnv, keyPass)
}

// Identity keys are sealed with Argon2id's lightest setting here: the
// tests unlock one per command. The setting is stored in each key file.
func init() { storage.DefaultKDF = storage.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }

// demoBeside makes a demo data folder of n clients, as of 2026-06-30, in
// a fresh temporary folder tmp that leaves room for files beside it.
func demoBeside(t *testing.T, n string) (tmp, dir string) {
	t.Helper()
	cleanEnv(t)
	tmp = t.TempDir()
	dir = filepath.Join(tmp, "data")
	ok(t, dir, "demo", "--clients", n, "--as-of", "2026-06-30")
	return tmp, dir
}

// walkThrough is the README's walk-through up to the failed grant.
func walkThrough(t *testing.T, dir string) {
	t.Helper()
	withKeys(t)
	ok(t, dir, "person add", "--name", "Lena Lead", "--roles", "lead-auditor,auditor", "--standards", "42001", "--sectors", "33", "--ai-areas", "ai-risk,ai-lifecycle", "--evidence", "Witnessed audit 2024")
	ok(t, dir, "person", "add", "--name", "Dora Decider", "--roles", "decision-maker", "--as", "Lena Lead")
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-01-06", "client", "add", "--name", "Acme AI GmbH",
		"--address", "Hafenstraße 1, 20457 Hamburg, Germany", "--personnel", "40", "--sector", "33", "--ai-role", "provider")
	ok(t, dir, "--as", "1", "certification", "add", "--client", "1", "--standard", "42001", "--scope", "AI document classification", "--applied", "2025-01-06")
	as := []string{"--as", "Lena Lead"}
	ok(t, dir, append(as, "audit", "plan", "--certification", "1", "--kind", "stage1", "--start", "2025-01-13", "--end", "2025-01-14", "--lead", "Lena Lead")...)
	ok(t, dir, append(as, "audit", "confirm", "1")...)
	ok(t, dir, append(as, "audit", "start", "1", "--date", "2025-01-13")...)
	ok(t, dir, append(as, "audit", "checklist", "1", "--from", "../../docs/examples/stage1-checklist.json")...)
	ok(t, dir, append(as, "audit", "finish", "1", "--date", "2025-01-14", "--outcome", "ready")...)
	ok(t, dir, append(as, "audit", "close", "1", "--report-date", "2025-01-16")...)
	ok(t, dir, append(as, "audit", "plan", "--certification", "1", "--kind", "stage2", "--start", "2025-02-10", "--end", "2025-02-12", "--days", "5", "--lead", "1")...)
	ok(t, dir, append(as, "audit", "confirm", "2")...)
	ok(t, dir, append(as, "audit", "start", "2", "--date", "2025-02-10")...)
	ok(t, dir, append(as, "finding", "add", "--audit", "2", "--grade", "major", "--ref", "8.2",
		"--requirement", "AI risk assessment at planned intervals", "--evidence", "No assessment since the model change", "--date", "2025-02-11")...)
	ok(t, dir, append(as, "audit", "checklist", "2", "--from", "../../docs/examples/stage2-checklist.tsv")...)
	ok(t, dir, append(as, "audit", "finish", "2", "--date", "2025-02-12", "--recommendation", "grant")...)
	ok(t, dir, append(as, "audit", "close", "2", "--report-date", "2025-02-14")...)
}

// walkedFolder is a new data folder, in a clean environment, that walk
// (walkThrough or grantedWalkThrough) went through.
func walkedFolder(t *testing.T, walk func(t *testing.T, dir string)) string {
	t.Helper()
	cleanEnv(t)
	dir := t.TempDir()
	walk(t, dir)
	return dir
}

// grantedWalkThrough is the README walk-through to the grant (decision 1).
func grantedWalkThrough(t *testing.T, dir string) {
	t.Helper()
	walkThrough(t, dir)
	as := []string{"--as", "Lena Lead"}
	ok(t, dir, append(as, "finding", "respond", "1", "--root-cause", "No trigger", "--correction", "Assessed", "--action", "Trigger added", "--date", "2025-02-20")...)
	ok(t, dir, append(as, "finding", "accept", "1", "--date", "2025-02-22")...)
	ok(t, dir, append(as, "finding", "verify", "1", "--method", "documents", "--date", "2025-03-01")...)
	ok(t, dir, append(as, "decide", "--certification", "1", "--kind", "grant", "--maker", "Dora Decider", "--reasons", "File complete", "--date", "2025-03-05")...)
}

func TestWalkThrough(t *testing.T) {
	dir := walkedFolder(t, walkThrough)

	// The grant is refused while the major is not verified: exit 1 naming the rule.
	grant := []string{"--as", "Lena Lead", "decide", "--certification", "1", "--kind", "grant", "--maker", "Dora Decider", "--reasons", "File complete", "--date", "2025-03-05"}
	r := fails(t, dir, 1, "refused by rule no-decision-with-unverified-major:", grant...)
	if r.stdout != "" {
		t.Errorf("a refusal printed to stdout: %q", r.stdout)
	}
	r = fails(t, dir, 1, "no-decision-with-unverified-major", append(grant, "--json")...)
	var je struct {
		Error struct{ Kind, Rule, Message string }
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "rule" || je.Error.Rule != certification.RuleUnverifiedMajor || !strings.Contains(je.Error.Message, "major nonconformity #1") {
		t.Errorf("JSON error = %+v", je.Error)
	}

	t.Setenv(UserEnv, "Lena Lead")
	ok(t, dir, "finding", "respond", "1", "--root-cause", "No trigger", "--correction", "Assessed", "--action", "Trigger added", "--date", "2025-02-20")
	ok(t, dir, "finding", "accept", "1", "--date", "2025-02-22")
	out := ok(t, dir, "finding", "verify", "1", "--method", "documents", "--date", "2025-03-01", "--json")
	var fv struct {
		Finding struct {
			Status       string
			Verification struct {
				By     int
				Method string
			}
		}
	}
	decodeJSON(t, out, &fv)
	if fv.Finding.Status != "verified" || fv.Finding.Verification.By != 1 || fv.Finding.Verification.Method != "documents" {
		t.Errorf("verified finding = %+v", fv)
	}

	out = ok(t, dir, append(grant[2:], "--json")...)
	var dec struct {
		Decision struct {
			ID            int
			Kind          string
			Makers        []int
			CertificateID int `json:"certificate_id"`
		}
		Certificate struct {
			Number string
			Expiry string
		}
		CertificateStatus string `json:"certificate_status"`
	}
	decodeJSON(t, out, &dec)
	if dec.Decision.Kind != "grant" || dec.Decision.CertificateID == 0 || dec.Certificate.Expiry != "2028-03-04" || dec.CertificateStatus != "active" {
		t.Errorf("decision = %+v", dec)
	}

	// The schedule shows surveillance 1, due within 12 months of the decision.
	out = ok(t, dir, "schedule", "--as-of", "2025-03-06", "--within", "365")
	if !strings.Contains(out, "Surveillance 1") || !strings.Contains(out, "2026-03-05") || !strings.Contains(out, "1 obligation(s)") {
		t.Errorf("schedule:\n%s", out)
	}
	var sched struct {
		AsOf        string `json:"as_of"`
		WithinDays  int    `json:"within_days"`
		Summary     struct{ Total, Overdue, DueSoon, Upcoming int }
		Obligations []certification.Obligation
	}
	decodeJSON(t, ok(t, dir, "schedule", "--as-of", "2025-03-06", "--within", "365", "--json"), &sched)
	if len(sched.Obligations) != 1 || sched.Obligations[0].Kind != certification.ObSurveillance ||
		sched.Obligations[0].Due != certification.NewDate(2026, 3, 5) || sched.Obligations[0].State != certification.StateUpcoming || sched.Summary.Total != 1 {
		t.Errorf("schedule JSON = %+v", sched)
	}
	// Default horizon 90 days: nothing yet; a month before the due date it is due soon.
	if out := ok(t, dir, "schedule", "--as-of", "2025-03-06"); !strings.Contains(out, "0 obligation(s)") {
		t.Errorf("schedule within 90 days:\n%s", out)
	}
	if out := ok(t, dir, "schedule", "--as-of", "2026-02-20"); !strings.Contains(out, "due soon") {
		t.Errorf("schedule in February 2026:\n%s", out)
	}

	out = ok(t, dir, "status", "--as-of", "2025-03-06")
	if !strings.Contains(out, "CD-42001-2025-00001") || !strings.Contains(out, "active") {
		t.Errorf("status:\n%s", out)
	}
	var st struct {
		Summary      map[string]int
		Certificates []view.CertificateState
	}
	decodeJSON(t, ok(t, dir, "status", "--as-of", "2025-03-06", "--json"), &st)
	if len(st.Certificates) != 1 || st.Certificates[0].Status != certification.CertActive || st.Summary["active"] != 1 {
		t.Errorf("status JSON = %+v", st)
	}
	if out := ok(t, dir, "status", "--as-of", "2028-03-05"); !strings.Contains(out, "expired") {
		t.Errorf("status after expiry:\n%s", out)
	}

	out = ok(t, dir, "client", "show", "1", "--as-of", "2025-03-06")
	for _, want := range []string{"Acme AI GmbH", "stage2", "major", "verified", "grant", "Dora Decider", "Surveillance 1", "CD-42001-2025-00001"} {
		if !strings.Contains(out, want) {
			t.Errorf("client show lacks %q:\n%s", want, out)
		}
	}
	var show struct {
		Client         certification.Client
		Certifications []struct {
			Certification     certification.Certification
			CertificateStatus string `json:"certificate_status"`
			Audits            []certification.Audit
			Findings          []struct{ Status string }
			Obligations       []certification.Obligation
		}
	}
	decodeJSON(t, ok(t, dir, "client", "show", "1", "--as-of", "2025-03-06", "--json"), &show)
	if show.Client.LegalName != "Acme AI GmbH" || len(show.Certifications) != 1 || len(show.Certifications[0].Audits) != 2 ||
		show.Certifications[0].CertificateStatus != "active" || show.Certifications[0].Findings[0].Status != "verified" {
		t.Errorf("client show JSON = %+v", show)
	}

	// The journal records who did what.
	var jr struct{ Entries []certification.JournalEntry }
	decodeJSON(t, ok(t, dir, "journal", "--json"), &jr)
	last := jr.Entries[len(jr.Entries)-1]
	if last.Command != "decide" || last.Actor.Name != "Lena Lead" || last.Actor.PersonID != 1 || jr.Entries[0].Actor.Name != "system" {
		t.Errorf("journal: first %+v, last %+v", jr.Entries[0], last)
	}
	if out := ok(t, dir, "client", "list", "--search", "ACME  ai"); !strings.Contains(out, "Acme AI GmbH") {
		t.Errorf("client list --search:\n%s", out)
	}
	if out := ok(t, dir, "client", "list", "--search", "beta"); !strings.Contains(out, "0 client(s)") {
		t.Errorf("client list --search beta:\n%s", out)
	}
	if out := ok(t, dir, "finding", "list", "--open"); !strings.Contains(out, "0 open finding(s)") {
		t.Errorf("finding list --open:\n%s", out)
	}
}

func TestExitCodes(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	as := []string{"--as", "Lena Lead"}

	// 2: usage and input errors.
	fails(t, dir, 2, "unknown command", "frobnicate")
	fails(t, dir, 2, "no command given")
	fails(t, dir, 2, "flag provided but not defined", "schedule", "--nope")
	fails(t, dir, 2, "--as-of: \"2025-13-01\" is not a date", "schedule", "--as-of", "2025-13-01")
	fails(t, dir, 2, "say who you are", "audit", "confirm", "1")
	fails(t, dir, 2, "there is no person \"Nobody\"", "--as", "Nobody", "audit", "confirm", "1")
	fails(t, dir, 2, "there is no audit 99", append(as, "audit", "confirm", "99")...)
	fails(t, dir, 2, "there is no audit 99", "audit", "show", "99")
	fails(t, dir, 2, "there is no client 42", "client", "show", "42")
	fails(t, dir, 2, "registered_address", append(as, "client", "add", "--name", "Beta Ltd", "--personnel", "5")...)
	fails(t, dir, 2, "is not a standard the body certifies", append(as, "certification", "add", "--client", "1", "--standard", "14001", "--scope", "x")...)
	fails(t, dir, 2, "usage: certctl audit confirm ID", append(as, "audit", "confirm")...)
	fails(t, dir, 2, "\"x\" is not a record id", append(as, "audit", "confirm", "x")...)
	// Values JSON cannot carry faithfully, and bounds below zero (issue 13).
	fails(t, dir, 2, "client: effective_personnel: must be a number, got NaN", append(as, "client", "add", "--name", "NaN Ltd", "--address", "x", "--personnel", "NaN")...)
	fails(t, dir, 2, "effective_personnel", append(as, "client", "add", "--name", "Inf Ltd", "--address", "x", "--personnel", "+Inf")...)
	fails(t, dir, 2, "--name: \"Bad \\xff Ltd\" holds bytes that are not UTF-8 text", append(as, "client", "add", "--name", "Bad \xff Ltd", "--address", "x", "--personnel", "5")...)
	fails(t, dir, 2, "--address: \"x\\xfe\" holds bytes that are not UTF-8", append(as, "client", "add", "--name", "Ok Ltd", "--address=x\xfe", "--personnel", "5")...)
	fails(t, dir, 2, "--limit -1: give how many entries to show", "journal", "--limit", "-1")
	if out := ok(t, dir, "client", "list"); strings.Contains(out, "NaN Ltd") || strings.Contains(out, "Bad") || strings.Contains(out, "Ok Ltd") {
		t.Errorf("a refused client was stored:\n%s", out)
	}
	r := fails(t, dir, 2, "there is no person", append(as, "--json", "decide", "--certification", "1", "--kind", "grant", "--maker", "Zed", "--reasons", "x")...)
	var je struct {
		Error struct{ Kind, Rule, Message string }
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "input" || je.Error.Rule != "" || je.Error.Message == "" {
		t.Errorf("JSON input error = %+v", je)
	}

	// 1: refused by a rule.
	fails(t, dir, 1, "refused by rule audit-not-open", append(as, "finding", "add", "--audit", "2", "--grade", "minor", "--ref", "8.2",
		"--requirement", "r", "--evidence", "e")...)
	fails(t, dir, 1, "refused by rule audit-not-open", append(as, "audit", "confirm", "2")...)
	fails(t, dir, 1, "refused by rule decision-maker-needs-role", append(as, "decide", "--certification", "1", "--kind", "grant", "--maker", "Lena Lead", "--reasons", "x", "--date", "2025-03-05")...)
	fails(t, dir, 1, "refused by rule dates-run-backwards", append(as, "audit", "plan", "--certification", "1", "--kind", "stage2", "--start", "2025-01-10", "--lead", "1")...)

	// 0: help.
	for _, args := range [][]string{{"help"}, {"help", "audit", "plan"}, {"audit", "plan", "-h"}, {"demo", "--help"}, {"help", "audit"}} {
		out := ok(t, dir, args...)
		if !strings.Contains(out, "usage") && !strings.Contains(out, "certctl") {
			t.Errorf("certctl %v:\n%s", args, out)
		}
	}
	if out := ok(t, dir, "demo", "--help"); !strings.Contains(out, "--clients") {
		t.Errorf("demo --help does not mention --clients (scripts/window-test.sh greps for it):\n%s", out)
	}

	// Policy.
	out := ok(t, dir, append(as, "policy", "set", "response_days=21", "body_name=Test Cert", "--json")...)
	var pol struct{ Policy certification.Policy }
	decodeJSON(t, out, &pol)
	if pol.Policy.ResponseDays != 21 || pol.Policy.BodyName != "Test Cert" || pol.Policy.ChangedBy.Name != "Lena Lead" {
		t.Errorf("policy = %+v", pol.Policy)
	}
	fails(t, dir, 2, "not a setting", append(as, "policy", "set", "nope=1")...)
	fails(t, dir, 2, "response_days", append(as, "policy", "set", "response_days=0")...)
	fails(t, dir, 2, "say who you are", "policy", "set", "response_days=20")
}

func TestStage1RuleAfterPlanningStage2(t *testing.T) {
	// A stage 2 planned before a ready stage 1 is refused, naming the rule.
	cleanEnv(t)
	withKeys(t)
	dir := t.TempDir()
	ok(t, dir, "person", "add", "--name", "L", "--roles", "lead-auditor")
	ok(t, dir, "--as", "L", "client", "add", "--name", "C", "--address", "A", "--personnel", "3", "--site", "HQ:Main street 1:central:2", "--site", "S1:Dock 2, Port: Gate 3:1")
	out := ok(t, dir, "client", "show", "1", "--json")
	var show struct{ Client certification.Client }
	decodeJSON(t, out, &show)
	if s := show.Client.Sites; len(s) != 2 || !s[0].Central || s[0].Personnel != 2 || s[1].Address != "Dock 2, Port: Gate 3" || s[1].Personnel != 1 {
		t.Errorf("sites = %+v", s)
	}
	ok(t, dir, "--as", "L", "certification", "add", "--client", "1", "--standard", "ISO 9001:2015", "--scope", "S")
	fails(t, dir, 1, "refused by rule stage2-needs-ready-stage1", "--as", "L", "audit", "plan", "--certification", "1", "--kind", "stage2", "--start", "2025-02-10", "--lead", "L")
}

func TestFolderInUse(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := fails(t, dir, 2, "is in use by another CertDesk window or certctl command", "person", "list")
	if !strings.Contains(r.stderr, dir) {
		t.Errorf("the message does not name the folder: %s", r.stderr)
	}
	r = fails(t, dir, 2, "in use", "status", "--json")
	var je struct {
		Error struct{ Kind, Message string }
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "input" {
		t.Errorf("JSON error = %+v", je)
	}
}

func TestDemoExportImport(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	out := ok(t, dir, "demo", "--clients", "25", "--seed", "3", "--as-of", "2026-03-15", "--json")
	var d struct {
		Summary struct{ Clients, People, Audits int }
		Written struct{ Chunks int }
	}
	decodeJSON(t, out, &d)
	if d.Summary.Clients != 25 || d.Summary.People == 0 || d.Written.Chunks == 0 {
		t.Errorf("demo summary = %+v", d)
	}
	fails(t, dir, 2, "not empty", "demo", "--clients", "5")

	sched := ok(t, dir, "schedule", "--as-of", "2026-03-15")
	for _, want := range []string{"OVERDUE", "due soon", "overdue,"} {
		if !strings.Contains(sched, want) {
			t.Errorf("demo schedule lacks %q:\n%s", want, sched)
		}
	}

	file := filepath.Join(t.TempDir(), "export.json")
	ok(t, dir, "export", "json", "--out", file)
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	stdout := ok(t, dir, "export", "json")
	if stdout != string(first) {
		t.Error("export to stdout and to --out differ")
	}

	dir2 := t.TempDir()
	out = ok(t, dir2, "--today", "2026-03-15", "import", file, "--json") // the demo records nothing after its as-of date (no-future-dates)
	var imp struct{ Imported struct{ Clients int } }
	decodeJSON(t, out, &imp)
	if imp.Imported.Clients != 25 {
		t.Errorf("import = %s", out)
	}
	if again := ok(t, dir2, "export", "json"); again != string(first) {
		t.Error("export → import → export is not byte-identical")
	}
	fails(t, dir2, 2, "not empty", "import", file)

	// A malformed file: nothing is written and the problem names the record and field.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, bytes.Replace(first, []byte(`"legal_name"`), []byte(`"legal_nmae"`), 1), 0o600)
	dir3 := t.TempDir()
	r := fails(t, dir3, 2, "clients[0] (id 1): legal_nmae: unknown field", "import", bad, "--json")
	var je struct {
		Error struct {
			Kind     string
			Problems []struct{ Record, Field, Message string }
		}
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "input" || len(je.Error.Problems) != 1 || je.Error.Problems[0].Field != "legal_nmae" {
		t.Errorf("JSON error = %+v", je)
	}
	if out := ok(t, dir3, "person", "list", "--json"); !strings.Contains(out, `"people": []`) {
		t.Errorf("the refused import wrote records: %s", out)
	}
	fails(t, dir3, 2, "no such file", "import", filepath.Join(dir3, "missing.json"))
}
