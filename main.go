// Command certdesk is CertDesk's desktop application.
//
// Build it with -tags migrated_fynedo (see the Makefile): a plain go build
// does not read FyneApp.toml, whose [Migrations] fyneDo = true that tag
// stands for.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"certdesk/app"
	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/pdf"
	"certdesk/storage/xlsx"
)

func main() {
	data := flag.String("data", "", "data folder (default: $CERTDESK_DATA, else CertDesk's folder in your user data directory)")
	office := flag.String("office", os.Getenv("CERTDESK_OFFICE"), "the body's office to join: nats://HOST:PORT or tls://HOST:PORT (default: $CERTDESK_OFFICE, else the one the folder joined before, if any)")
	creds := flag.String("creds", os.Getenv("CERTDESK_CREDS"), "this desk's credentials file, from certctl office enrol (default: $CERTDESK_CREDS)")
	deskName := flag.String("desk", os.Getenv("CERTDESK_DESK"), "this desk's name in audit holds (default: $CERTDESK_DESK, else the data folder's name)")
	officeCA := flag.String("office-ca", os.Getenv("CERTDESK_OFFICE_CA"), "the office's CA certificate, ca.pem from certctl office init (default: $CERTDESK_OFFICE_CA)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: certdesk [--data DIR] [--desk NAME] [--office URL [--creds FILE] [--office-ca FILE]]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	dir, err := storage.ResolveDir(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "certdesk:", err)
		os.Exit(1)
	}
	err = app.Run(app.Config{
		Dir: dir,
		Open: func(d string, p []byte) (app.Store, error) {
			return open(d, storage.Options{Passphrase: p, ReadOnlyIfFull: true})
		},
		OpenDesk: func(d string, p []byte) (app.Store, error) {
			return open(d, storage.Options{Passphrase: p, ReadOnlyIfFull: true, Desk: true})
		},
		OpenBulk: func(d string, p []byte) (app.Store, error) {
			return open(d, storage.Options{Passphrase: p, Bulk: true})
		},
		InUse:       func(err error) bool { return errors.Is(err, storage.ErrInUse) },
		Clock:       app.SystemClock{},
		LoadDemo:    loadDemo,
		Workbooks:   xlsx.Workbooks{},
		PDF:         pdf.Writer{},
		Backups:     storage.Backups{},
		Encryption:  storage.Encryption{},
		Identities:  storage.Identities{},
		JoinOffice:  joinOffice,
		RestoreDesk: restoreDesk,
		Office:      app.Office{URL: *office, Creds: *creds, CA: *officeCA},
		Desk:        *deskName,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "certdesk:", err)
		os.Exit(1)
	}
}

// open opens a data folder for the app; on failure the Store is nil
// (not a nil *storage.DB in an interface).
func open(dir string, o storage.Options) (app.Store, error) {
	db, err := storage.OpenWith(dir, o)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// joinOffice makes the app's open data folder a desk of the body at the
// office o (storage/desk).
func joinOffice(ctx context.Context, st app.Store, o app.Office) (app.Desk, error) {
	db, ok := st.(*storage.DB)
	if !ok {
		return nil, errors.New("this store cannot be a desk of a body")
	}
	d, err := desk.Open(ctx, db, o.URL, bodylog.Config{CAFile: o.CA, CredsFile: o.Creds})
	if errors.Is(err, desk.ErrNeedsSnapshot) {
		return nil, fmt.Errorf("%w: %w", app.ErrNeedsSnapshot, err)
	}
	if err != nil {
		return nil, err
	}
	return appDesk{d}, nil
}

// appDesk is a desk as the app sees it: its review list in the app's
// terms (app never imports storage).
type appDesk struct{ *desk.Desk }

func (d appDesk) Reviews(ctx context.Context) ([]app.ReviewItem, error) {
	list, err := d.Desk.Reviews(ctx)
	out := make([]app.ReviewItem, len(list))
	for i, r := range list {
		out[i] = app.ReviewItem{N: r.N, Entry: r.Entry, Rule: r.Rule, Reason: r.Reason, Refused: r.Refused}
	}
	return out, err
}

// restoreDesk starts dir, a new desk of the body at o, from the body's
// latest snapshot (desk.Start).
func restoreDesk(ctx context.Context, dir string, o app.Office, progress func(done, total int)) (bool, error) {
	return desk.Start(ctx, dir, o.URL, bodylog.Config{CAFile: o.CA, CredsFile: o.Creds}, progress)
}

// demoClients is how many clients "Load demo data" generates: enough to
// look around, quick to load.
const demoClients = 150

func loadDemo(ctx context.Context, st certification.Store, asOf certification.Date, progress func(done, total int)) error {
	_, err := demo.Generate(ctx, st, demo.Options{Clients: demoClients, Seed: 1, AsOf: asOf, Progress: progress})
	return err
}
