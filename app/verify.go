package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// verifyMenu checks the data folder against its journal's hash chain
// (docs/integrity.md) in the background and shows what it found: a
// committee can see that the file it decides on was not changed behind
// CertDesk's back.
func (u *ui) verifyMenu() {
	if u.noBackups() {
		return
	}
	x := u.startTransfer("Verifying the data", "Checking every journal entry and every record against the journal's hash chain …\nYou can go on working meanwhile.",
		"Cancelling …")
	st, b := u.store, u.bk.backups
	progress := u.backupProgress(x)
	type verified struct {
		ok    bool
		lines []string
	}
	transferJob(u, x, func(context.Context) (verified, error) {
		ok, lines, err := b.Verify(x.ctx, st, progress)
		afterScan()
		return verified{ok, lines}, err
	}, func(v verified, err error, cancelled bool) {
		switch {
		case cancelled:
			u.backupInfo("Verification cancelled", "The verification was cancelled before it finished; nothing was found either way.")
		case err != nil:
			u.showError("verify the data", err)
		default:
			u.showVerifyResult(v.ok, v.lines)
		}
	})
}

// showVerifyResult shows the lines of a verification, marked as a
// problem when something does not match.
func (u *ui) showVerifyResult(ok bool, lines []string) {
	u.bk.lastMsg = strings.Join(lines, "\n")
	title := "The data matches its journal"
	head := widget.NewLabel("Nothing was changed behind CertDesk's back. Note the last entry and its hash down (for example in the management review): 'certctl verify --anchor' later proves that nothing up to it was rewritten.")
	if !ok {
		title = "The data does NOT match its journal"
		head = widget.NewLabel("Records or journal entries were changed outside CertDesk (or the disk damaged them). Do not rely on the records named below; restore a backup taken before the first entry that does not match, and report it as required by your management system.")
		head.Importance = widget.DangerImportance
	}
	head.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(strings.Join(lines, "\n"))
	detail.Wrapping = fyne.TextWrapWord
	detail.TextStyle = fyne.TextStyle{Monospace: !ok}
	body := container.NewBorder(head, nil, nil, nil, container.NewVScroll(detail))
	d := dialog.NewCustom(title, "Close", body, u.win)
	u.openDialog(d, 720, 420)
}
