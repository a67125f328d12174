package app

import (
	"context"

	"certdesk/certification"
	"certdesk/certification/view"
)

// clientTyped filters the picker as the user types; typing after a
// client was chosen starts the choice again.
func (f *planForm) clientTyped() {
	if f.settingClient {
		return
	}
	if f.clientID != 0 && f.clientQ.Text != f.chosenName() {
		f.clientID, f.view = 0, nil
		f.setCertifications()
	}
	if f.clientID != 0 {
		f.showMatches(false)
		return
	}
	f.showMatches(true)
	f.found = clientMatches(f.p.clients, f.clientQ.Text)
	f.matches.Refresh()
	f.matches.ScrollToTop()
	f.matchInfo.SetText(clientMatchesText(f.found, f.p.clients == nil || f.p.clientsStale, f.clientQ.Text))
	f.changed()
}

// showMatches shows or hides the client picker's list.
func (f *planForm) showMatches(show bool) {
	if show != f.matchRow.Visible() {
		f.matchRow.Hidden = !show
		f.left.Refresh()
		f.relayout()
	}
}

func (f *planForm) chosenName() string {
	if f.view != nil {
		return clientDisplayName(&f.view.Client)
	}
	for _, r := range f.p.clients {
		if r.ID == f.clientID {
			return r.Name()
		}
	}
	return f.clientQ.Text
}

// preselect opens the form on a certification (from the Clients page).
func (f *planForm) preselect(certID certification.ID) {
	query(f.u, "the certification", func(ctx context.Context, svc *certification.Service) (*certification.File, error) {
		return svc.File(ctx, certID)
	}, func(file *certification.File) {
		if !f.isOpen() {
			return
		}
		f.chooseClient(file.Client.ID, clientDisplayName(&file.Client), certID)
	})
}

// chooseClient sets the client and loads its certifications and sites.
func (f *planForm) chooseClient(id certification.ID, name string, certID certification.ID) {
	f.clientID, f.view, f.wantCert = id, nil, certID
	f.settingClient = true
	f.clientQ.SetText(name)
	f.settingClient = false
	f.showMatches(false)
	f.setCertifications()
	f.u.win.Canvas().Focus(f.cert)
	today := f.u.today()
	query(f.u, "the client", func(ctx context.Context, svc *certification.Service) (*view.ClientDetail, error) {
		return view.Client(ctx, svc, id, today)
	}, func(v *view.ClientDetail) {
		if !f.isOpen() || f.clientID != id {
			return
		}
		f.view = v
		f.settingClient = true
		f.clientQ.SetText(clientDisplayName(&v.Client))
		f.settingClient = false
		f.setCertifications()
		f.setSites()
		if f.cert.Selected != "" && f.kind.Selected != "" && f.start.Text == "" {
			f.u.win.Canvas().Focus(f.start)
		}
	})
}

// setCertifications lists the chosen client's open certifications.
func (f *planForm) setCertifications() {
	f.certIDs = map[string]certification.ID{}
	var opts []string
	if f.view != nil {
		for _, file := range f.view.Files {
			c := &file.Certification
			if !c.Closed.IsZero() {
				continue
			}
			label := string(c.Standard) + " — " + shorten(c.Scope, 60)
			f.certIDs[label] = c.ID
			opts = append(opts, label)
		}
	}
	f.cert.Options = opts
	f.cert.ClearSelected()
	switch {
	case f.clientID == 0:
		f.cert.PlaceHolder = "(choose the client first)"
	case f.view == nil:
		f.cert.PlaceHolder = "Loading…"
	case len(opts) == 0:
		f.cert.PlaceHolder = "(no open certification)"
	default:
		f.cert.PlaceHolder = "(choose the certification)"
	}
	want := ""
	for label, id := range f.certIDs {
		if id == f.wantCert || len(opts) == 1 {
			want = label
		}
	}
	if want != "" {
		f.cert.SetSelected(want)
	}
	f.cert.Refresh()
	if f.view == nil {
		f.setSites()
	}
	f.changed()
}

// setSites offers the client's sites, the central one (or the only one)
// ticked: it is in every audit.
func (f *planForm) setSites() {
	f.siteCode = map[string]string{}
	var opts, sel []string
	if f.view != nil {
		for _, s := range f.view.Client.Sites {
			label := s.Code
			if s.Name != "" {
				label += " · " + s.Name
			}
			if s.Central {
				label += " (central)"
			}
			f.siteCode[label] = s.Code
			opts = append(opts, label)
			if s.Central || len(f.view.Client.Sites) == 1 {
				sel = append(sel, label)
			}
		}
	}
	f.sites.Options, f.sites.Selected = opts, sel
	f.sites.Refresh()
	switch {
	case f.view == nil:
		f.siteInfo.SetText("(choose the client first)")
		f.siteInfo.Show()
	case len(opts) == 0:
		f.siteInfo.SetText("No sites registered: the audit covers the registered address.")
		f.siteInfo.Show()
	default:
		f.siteInfo.Hide()
	}
	f.sitesBox.Refresh()
	f.changed()
}

// certChosen suggests the kind of audit from the certification's file.
func (f *planForm) certChosen() {
	if file := f.file(); file != nil && !f.kindChosen {
		f.suggesting = true
		f.kind.SetSelected(file.NextAuditKind(f.u.today()).Label())
		f.suggesting = false
	}
	f.changed()
}

func (f *planForm) file() *certification.File {
	id := f.certIDs[f.cert.Selected]
	if f.view == nil || id == 0 {
		return nil
	}
	for _, file := range f.view.Files {
		if file.Certification.ID == id {
			return file
		}
	}
	return nil
}
