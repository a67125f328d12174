package pdf

import (
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
)

// printedKeys are the constant texts the package's code hands to a
// printer's Sprintf (p.Sprintf("…"), p.Sprintf(qrNote), …) or to a long
// document's label method (x.t("…")), read from its source with
// go/types: the keys the catalogues must translate. fmt.Sprintf's
// formats ("#%d %s") are not keys.
func printedKeys(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("certdesk/storage/pdf", fset, files, info); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			recv := types.TypeString(info.Types[sel.X].Type, nil)
			if !(sel.Sel.Name == "Sprintf" && recv == "*golang.org/x/text/message.Printer") && !(sel.Sel.Name == "t" && recv == "*certdesk/storage/pdf.doc") {
				return true
			}
			if tv := info.Types[call.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
				keys = append(keys, constant.StringVal(tv.Value))
			}
			return true
		})
	}
	return keys
}

// Every text the code prints through a printer or a long document's
// label method has its French and Greek,
// the month names and the status words (the printer gets those as
// values: months, StatusText, Watermark) too; and every key of the
// certificate's, report's and plan's catalogues is printed by the code
// or is one of those.
func TestEveryPrintedKeyIsTranslated(t *testing.T) {
	keys := printedKeys(t)
	if len(keys) < 100 || !slices.Contains(keys, "Audit plan") || !slices.Contains(keys, "The team's recommendation") || slices.Contains(keys, "#%d %s %s") || !slices.Contains(keys, "CERTIFICATE") || !slices.Contains(keys, qrNote) || !slices.Contains(keys, "%s (supersedes revision %s)") {
		t.Fatalf("read %d keys from the source: %q", len(keys), keys)
	}
	var values []string
	for _, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertWithdrawn,
		certification.CertExpired, certification.CertSuperseded, certification.CertNotYet} {
		d := sampleCertificate(st, false)
		values = append(values, d.StatusText())
		if w := d.Watermark(); w != "" {
			values = append(values, w)
		}
	}
	for name, cat := range map[string]map[string]string{"French": union(certificateFR, reportPlanFR), "Greek": union(certificateEL, reportPlanEL)} {
		for _, k := range append(keys, values...) {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s has no translation of %q", name, k)
			}
		}
		for k := range cat {
			if !slices.Contains(keys, k) && !slices.Contains(values, k) {
				t.Errorf("%s translates %q, which no document prints", name, k)
			}
		}
	}
	for _, m := range months {
		if monthsFR[m] == "" || monthsEL[m] == "" {
			t.Errorf("the month %s is not translated", m)
		}
	}
}

// In every status, with and without the register's address, a French
// or Greek certificate has no English label left and says its status in
// the language.
func TestEveryStatusInFrenchAndGreek(t *testing.T) {
	need(t, "pdftotext")
	for i, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertWithdrawn,
		certification.CertExpired, certification.CertNotYet} {
		for lang, cat := range map[string]map[string]string{"fr": certificateFR, "el": certificateEL} {
			d := sampleCertificate(st, i%2 == 0)
			d.Language = lang
			if i%2 == 1 {
				d.RegisterURL = "https://register.example.org"
			}
			text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", writeCertificate(t, d), "-")), " ")
			if !strings.Contains(text, cat[d.StatusText()]) {
				t.Errorf("%s %s: the status %q is not in:\n%s", lang, st, cat[d.StatusText()], text)
			}
			englishLeft(t, lang, d, text, cat)
		}
	}
}

// union is the keys and texts of a and b (their keys are apart: a key
// in both must translate alike).
func union(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	for k, v := range b {
		out[k] = v
	}
	return out
}
