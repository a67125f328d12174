package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Excel workbooks: certctl export xlsx KIND … Each kind registers itself
// (registerXLSX in an init function of its own file) with its flags and
// how it writes; export xlsx finds it, parses its flags and writes the
// file atomically (beside the target, then renamed).

// xlsxKind is one kind of workbook.
type xlsxKind struct {
	name  string // the KIND argument, e.g. "findings"
	help  string // one line for the help
	usage string // the flags after KIND, e.g. "[--as-of DATE] --out FILE"
	// flags declares the kind's flags on f and returns the writer that
	// runs once they are parsed. write writes the workbook to w; a kind
	// that writes several files (CertSearch) sets files instead.
	flags func(e *env, f *flags) xlsxRun
}

// xlsxRun writes a kind: either one workbook to w (out is the target
// name, for messages), or, for kinds that split their output, returns the
// files it wrote itself.
type xlsxRun struct {
	write func(w io.Writer) error
	files func(out string) ([]string, error)
}

var xlsxKinds []xlsxKind

func registerXLSX(k xlsxKind) {
	xlsxKinds = append(xlsxKinds, k)
	slices.SortFunc(xlsxKinds, func(a, b xlsxKind) int { return strings.Compare(a.name, b.name) })
}

func xlsxKindNames() string {
	var names []string
	for _, k := range xlsxKinds {
		names = append(names, k.name)
	}
	return strings.Join(names, ", ")
}

// exportXLSX runs certctl export xlsx KIND ….
func (e *env) exportXLSX(args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return inputf("export xlsx: name the workbook: one of %s", xlsxKindNames())
	}
	i := slices.IndexFunc(xlsxKinds, func(k xlsxKind) bool { return k.name == args[0] })
	if i < 0 {
		return inputf("export xlsx: %q is not a workbook CertDesk writes: use one of %s", args[0], xlsxKindNames())
	}
	k := xlsxKinds[i]
	f := e.flags("export xlsx "+k.name, "export xlsx "+k.name+" "+k.usage)
	out := f.String("out", "", "the file to write (required)")
	run := k.flags(e, f)
	if _, err := f.parse(args[1:], 0, 0); err != nil {
		return err
	}
	if err := required("out", *out); err != nil {
		return err
	}
	var written []string
	if run.files != nil {
		files, err := run.files(*out)
		if err != nil {
			return err
		}
		written = files
	} else {
		if err := writeAtomically(*out, run.write); err != nil {
			return err
		}
		written = []string{*out}
	}
	if e.json {
		return e.writeJSON(map[string]any{"kind": k.name, "written": written})
	}
	for _, w := range written {
		fmt.Fprintf(e.stderr, "Wrote %s\n", w)
	}
	return nil
}

// writeAtomically writes a file beside path and renames it into place,
// so that a failed or cancelled export never leaves half a file under
// the name.
func writeAtomically(path string, write func(w io.Writer) error) error {
	name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), os.Getpid()))
	tmp, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return inputf("%v", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return inputf("%v", err)
	}
	return nil
}
