package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
)

// exportCertSearch writes the IAF CertSearch upload as of a date into a
// folder: cb_certs_1.xlsx, … Every file is written to a temporary file
// first and all are renamed at the end, so that a cancelled or failed
// export changes nothing in the folder; upload files left there by an
// earlier, larger export are then removed, so that the folder holds
// exactly this upload.
func (u *ui) exportCertSearch(dir string, asOf certification.Date) {
	if u.noWorkbooks() {
		return
	}
	where := "Saving into the folder " + dir
	x := u.startTransfer("Exporting: IAF CertSearch upload", "Reading the certificates as of "+asOf.String()+" …\n"+where,
		"Cancelling: no upload file will be left in the folder …")
	work := u.xlsxWork(x, "rows", where)
	type written struct {
		names, stale []string
		certs        int
	}
	transferJob(u, x, func(ctx context.Context) (written, error) {
		defer context.AfterFunc(ctx, x.cancel)()
		names, stale, certs, err := writeCertSearch(x.ctx, work, dir, asOf)
		return written{names, stale, certs}, err
	}, func(w written, err error, cancelled bool) {
		var ve *certification.ValidationError
		switch {
		case cancelled:
			u.showInfo("Export cancelled", "The export was cancelled: nothing was written to "+dir+".")
		case err != nil && errors.As(err, &ve):
			u.showInfo("The upload was not written",
				"CertSearch requires what these records lack; nothing was written. Correct them (on the client or certificate named) and export again:\n\n"+err.Error())
		case err != nil:
			u.showError("write the CertSearch upload", err)
		default:
			text := fmt.Sprintf("%d certificates as of %s, in %s, were written to the folder %s.", w.certs, asOf, strings.Join(w.names, ", "), dir)
			if len(w.stale) > 0 {
				text += " Removed " + strings.Join(w.stale, ", ") + ", left from an earlier, larger export."
			}
			text += " Upload the files in order at the IAF CertSearch portal."
			u.exportDone("IAF CertSearch upload written", text, "")
		}
	})
}

// writeCertSearch writes the upload files into dir and returns their
// names, the stale ones removed and the number of certificates.
func writeCertSearch(ctx context.Context, x *xlsxWork, dir string, asOf certification.Date) (names, stale []string, certs int, err error) {
	data, err := document.NewCertSearch(ctx, x.svc, asOf)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := data.Validate(); err != nil {
		return nil, nil, 0, err
	}
	x.step(fmt.Sprintf("Writing %s certificates of %s certified entities …", xlGroup(len(data.Certificates)), xlGroup(len(data.Entities))))
	var temps []tempFile
	names, err = x.books.WriteCertSearchFiles(ctx, data, func(name string, write func(io.Writer) error) error {
		t, err := writeTemp(filepath.Join(dir, name), write)
		if err == nil {
			temps = append(temps, t)
		}
		return err
	}, x.progress)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		for _, t := range temps {
			os.Remove(t.name)
		}
		return nil, nil, 0, err
	}
	for i, t := range temps {
		if err := os.Rename(t.name, t.target); err != nil {
			for _, t := range temps[i:] {
				os.Remove(t.name)
			}
			return nil, nil, 0, err
		}
	}
	for n := len(names) + 1; ; n++ {
		name := document.CertSearchFileName(n)
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			return names, stale, len(data.Certificates), fmt.Errorf("the upload was written, but %s, left from an earlier export, could not be removed: %w", name, err)
		}
		stale = append(stale, name)
	}
	return names, stale, len(data.Certificates), nil
}

// xlGroup writes a count with thousands separators: 12,345.
func xlGroup(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
