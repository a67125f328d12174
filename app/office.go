package app

import (
	"context"
	"errors"
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

// ErrNeedsSnapshot is matched by JoinOffice's error for an empty folder
// joining a body that began from an existing folder: it starts from the
// body's snapshot (Config.RestoreDesk), which needs the folder closed.
var ErrNeedsSnapshot = errors.New("a new desk of this body starts from the body's snapshot")

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
	// Applied is the last journal entry applied on this desk.
	Applied(ctx context.Context) (uint64, error)
	// Waiting is how many changes made offline wait to be proposed.
	Waiting() int
	// Stuck says why changes still wait although the office can be
	// reached (a person's identity locked on this desk); nil when none do.
	Stuck() error
	// Reviews is the review list: changes made offline that the body
	// refused when they were proposed again (office_review.go).
	Reviews(ctx context.Context) ([]ReviewItem, error)
	// Redo runs review item n's change again, as it was, as svc's actor.
	Redo(ctx context.Context, svc *certification.Service, n uint64) ([]any, error)
	// Done takes item n off the list once it was re-done with other values.
	Done(ctx context.Context, n uint64) error
	// Discard throws item n away; the body's journal records it.
	Discard(ctx context.Context, svc *certification.Service, n uint64) error
	// Unlocked gives the desk a person's unlocked identity, with which it
	// signs their waiting changes when it proposes them again.
	Unlocked(sg certification.Signer)
	Close()
}

// officeState is the window's connection to the office.
type officeState struct {
	desk    Desk
	status  *widget.Label // in the header, always visible with an office
	applied int           // entries applied from other desks since joining
	head    uint64        // the last journal entry applied
	lastErr error         // why the last catch-up failed (nil: none)
	reviews int           // changes on the review list (office_review.go)
	stop    chan struct{} // ends the status ticker
}

// officeKeys are the preference keys of the office the folder dir is a
// desk of.
func officeKeys(dir string) (url, creds, ca string) {
	return prefOfficeURL + ":" + dir, prefOfficeCreds + ":" + dir, prefOfficeCA + ":" + dir
}

// officeOf is the office the folder dir joined ("" URL: none).
func officeOf(p fyne.Preferences, dir string) Office {
	ku, kc, ka := officeKeys(dir)
	return Office{URL: p.String(ku), Creds: p.String(kc), CA: p.String(ka)}
}

// savedOffice is the office this data folder was joined to ("" URL: none).
func (u *ui) savedOffice() Office { return officeOf(u.app.Preferences(), u.dataDir) }

func (u *ui) saveOffice(o Office) {
	p := u.app.Preferences()
	ku, kc, ka := officeKeys(u.dataDir)
	p.SetString(ku, o.URL)
	p.SetString(kc, o.Creds)
	p.SetString(ka, o.CA)
}

// joinOffice connects the open folder to o off the UI goroutine and
// catches up; then the window works on the body, watches it, and shows
// the connection's state. done, if not nil, runs after (with the error).
func (u *ui) joinOffice(join func(context.Context, Store, Office) (Desk, error), o Office, done func(error)) {
	u.setOfficeStatus("Office: connecting to " + o.URL + " and catching up …")
	st := u.store
	type joined struct {
		d       Desk
		head    uint64
		reviews []ReviewItem
	}
	backgroundThen(u.bg, func(ctx context.Context) (joined, error) {
		d, err := join(ctx, st, o)
		if err != nil {
			return joined{}, err
		}
		if _, err := d.Sync(ctx); err != nil && d.Connected() {
			d.Close()
			return joined{}, err
		} // not connected: a desk that joined before works offline
		head, err := d.Applied(ctx)
		if err != nil {
			d.Close()
			return joined{}, err
		}
		list, err := d.Reviews(ctx)
		if err != nil {
			d.Close()
		}
		return joined{d, head, list}, err
	}, func(j joined, err error) {
		if err != nil {
			u.setOfficeStatus("Office: not joined — "+err.Error(), widget.DangerImportance)
		} else {
			u.office.head = j.head
			u.office.reviews = 0
			u.useDesk(j.d)
			u.setReviews(j.d, len(j.reviews))
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
	u.office.applied, u.office.lastErr = 0, nil
	u.signOnDesk()
	u.changed()
	err := d.Watch(func(n int, err error) {
		head, herr := d.Applied(u.bg.ctx)
		u.bg.ui(func() {
			u.office.lastErr = errors.Join(err, herr)
			u.office.applied += n
			if herr == nil {
				u.office.head = head
			}
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
	go u.tickOfficeStatus(d, u.office.stop)
}

// signOnDesk gives the desk the identity of the person working, once
// unlocked: their changes made offline, waiting because it was locked
// (Stuck), are then proposed on the next catch-up.
func (u *ui) signOnDesk() {
	if u.office.desk != nil && u.signer != nil {
		u.office.desk.Unlocked(u.signer)
	}
}

// tickOfficeStatus refreshes the connection's state and the review
// list's count every second: a lost connection, or a change the body
// refused on rejoining, shows without waiting for anything else.
func (u *ui) tickOfficeStatus(d Desk, stop chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-u.bg.ctx.Done():
			return
		case <-t.C:
			list, err := d.Reviews(u.bg.ctx)
			u.bg.ui(func() {
				if err == nil {
					u.setReviews(d, len(list))
				}
				u.showOfficeStatus()
			})
		}
	}
}

func (u *ui) showOfficeStatus() {
	d := u.office.desk
	if d == nil {
		return
	}
	waiting := d.Waiting()
	// The review list comes first: the line is cut short on a narrow window.
	review := ""
	if n := u.office.reviews; n > 0 {
		review = changesWord(n) + " refused by the body to review (File › Changes to review…) · "
	}
	switch {
	case !d.Connected():
		u.setOfficeStatus(fmt.Sprintf("○ Offline — %s waiting · %s%s cannot be reached; your changes are kept on this desk and proposed when it is back (body as of journal entry %d)", changesWord(waiting), review, d.Office(), u.office.head), widget.WarningImportance)
	case waiting > 0:
		why := "proposing them …"
		if err := d.Stuck(); err != nil {
			why = err.Error()
		} else if u.office.lastErr != nil {
			why = u.office.lastErr.Error()
		}
		u.setOfficeStatus(fmt.Sprintf("● Online — %s made offline still waiting to be proposed · %s%s", changesWord(waiting), review, why), widget.WarningImportance)
	case u.office.lastErr != nil:
		u.setOfficeStatus("● Online, but catching up failed · "+review+u.office.lastErr.Error(), widget.DangerImportance)
	case review != "":
		u.setOfficeStatus(fmt.Sprintf("● Online — %sin step with the body at journal entry %d", review, u.office.head), widget.WarningImportance)
	default:
		arrived := fmt.Sprintf("%d changes arrived", u.office.applied)
		if u.office.applied == 1 {
			arrived = "1 change arrived"
		}
		u.setOfficeStatus(fmt.Sprintf("● Online: %s · in step with the body at journal entry %d · %s from other desks", d.Office(), u.office.head, arrived), widget.LowImportance)
	}
}

// changesWord is "1 change" or "N changes".
func changesWord(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

func (u *ui) setOfficeStatus(text string, importance ...widget.Importance) {
	l := u.office.status
	if l == nil {
		return
	}
	l.Importance = widget.LowImportance
	if len(importance) > 0 {
		l.Importance = importance[0]
	}
	l.SetText(text)
	l.Show()
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
