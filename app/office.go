package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// A data folder can be a desk of a body with an office (docs/sync.md):
// its replica is kept in step with the body's journal, every change is
// proposed to the journal, and the screens reload when another desk's
// change arrives. The office is remembered per data folder, like the
// person using the app. main.go joins the office (storage/desk); the app
// sees it through Desk.

// Office says how to reach a body's office.
type Office struct {
	URL   string // nats://HOST:PORT, or tls://HOST:PORT for an office with TLS
	Creds string // the desk's credentials file (office enrol)
	CA    string // the office's CA certificate (ca.pem from office init)
}

// Desk is the open data folder joined to a body's office (storage/desk).
type Desk interface {
	// Store is the replica: reads as the folder's, and a Service on it
	// proposes every command to the body.
	Store() certification.Store
	Office() string
	Connected() bool
	// Sync applies the body's entries not applied yet.
	Sync(ctx context.Context) (int, error)
	// Watch keeps the replica in step in the background and reports each
	// catch-up (on its own goroutine).
	Watch(applied func(n int, err error)) error
	Close()
}

// officeState is the window's connection to the office.
type officeState struct {
	desk    Desk
	status  *widget.Label // in the header, always visible with an office
	applied int           // entries applied from other desks since joining
	lastErr error         // why the last catch-up failed (nil: none)
	stop    chan struct{} // ends the status ticker
}

func (u *ui) officeKeys() (url, creds, ca string) {
	return prefOfficeURL + ":" + u.dataDir, prefOfficeCreds + ":" + u.dataDir, prefOfficeCA + ":" + u.dataDir
}

// savedOffice is the office this data folder was joined to ("" URL: none).
func (u *ui) savedOffice() Office {
	p := u.app.Preferences()
	ku, kc, ka := u.officeKeys()
	return Office{URL: p.String(ku), Creds: p.String(kc), CA: p.String(ka)}
}

func (u *ui) saveOffice(o Office) {
	p := u.app.Preferences()
	ku, kc, ka := u.officeKeys()
	p.SetString(ku, o.URL)
	p.SetString(kc, o.Creds)
	p.SetString(ka, o.CA)
}

// joinOffice connects the open folder to o off the UI goroutine and
// catches up; then the window works on the body, watches it, and shows
// the connection's state. done, if not nil, runs after (with the error).
func (u *ui) joinOffice(join func(context.Context, Store, Office) (Desk, error), o Office, done func(error)) {
	u.setOfficeStatus("Office: connecting to " + o.URL + " …")
	st := u.store
	backgroundThen(u.bg, func(ctx context.Context) (Desk, error) {
		d, err := join(ctx, st, o)
		if err != nil {
			return nil, err
		}
		if _, err := d.Sync(ctx); err != nil {
			d.Close()
			return nil, err
		}
		return d, nil
	}, func(d Desk, err error) {
		if err != nil {
			u.setOfficeStatus("Office: not joined — " + err.Error())
		} else {
			u.useDesk(d)
		}
		if done != nil {
			done(err)
		}
	})
}

// useDesk makes d the window's desk: commands go through the body, and
// entries from other desks reload the screens.
func (u *ui) useDesk(d Desk) {
	u.office.desk = d
	u.changed()
	err := d.Watch(func(n int, err error) {
		u.bg.ui(func() {
			u.office.lastErr = err
			u.office.applied += n
			if n > 0 {
				u.changed()
			}
			u.showOfficeStatus()
		})
	})
	if err != nil {
		u.office.lastErr = err
	}
	u.showOfficeStatus()
	u.office.stop = make(chan struct{})
	go u.tickOfficeStatus(u.office.stop)
}

// tickOfficeStatus refreshes the connection's state every second: a
// lost connection shows without waiting for a change.
func (u *ui) tickOfficeStatus(stop chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-u.bg.ctx.Done():
			return
		case <-t.C:
			u.bg.ui(u.showOfficeStatus)
		}
	}
}

func (u *ui) showOfficeStatus() {
	d := u.office.desk
	if d == nil {
		return
	}
	switch {
	case !d.Connected():
		u.setOfficeStatus(fmt.Sprintf("○ Offline: %s cannot be reached — reading only until it is back", d.Office()))
	case u.office.lastErr != nil:
		u.setOfficeStatus("● Online, but catching up failed: " + u.office.lastErr.Error())
	default:
		u.setOfficeStatus(fmt.Sprintf("● Online: %s · %d changes from other desks", d.Office(), u.office.applied))
	}
}

func (u *ui) setOfficeStatus(text string) {
	if u.office.status == nil {
		return
	}
	u.office.status.SetText(text)
	u.office.status.Show()
}

// closeOffice leaves the office (the folder is closing).
func (u *ui) closeOffice() {
	if u.office.stop != nil {
		close(u.office.stop)
		u.office.stop = nil
	}
	if u.office.desk != nil {
		u.office.desk.Close()
		u.office.desk = nil
	}
}

// newOfficeStatus is the header's label for the connection (hidden
// while the folder is alone).
func newOfficeStatus() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.LowImportance
	l.Truncation = fyne.TextTruncateEllipsis
	l.Hide()
	return l
}
