package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The client pickers of the plan form and of a person's interests: a
// field to type part of a name in, and below it the clients that match.

// maxClientMatches caps a client picker's list.
const maxClientMatches = 200

// clientMatches are the clients whose name holds typed (case and accents
// folded, certification.Fold): those whose name starts with it first, at
// most maxClientMatches. Nothing typed matches every client.
func clientMatches(clients []view.ClientRow, typed string) []view.ClientRow {
	q := certification.Fold(typed)
	var prefix, inner []view.ClientRow
	for _, r := range clients {
		if len(prefix) >= maxClientMatches {
			break
		}
		name := certification.Fold(r.Name())
		switch {
		case q == "" || strings.HasPrefix(name, q):
			prefix = append(prefix, r)
		case strings.Contains(name, q) && len(inner) < maxClientMatches:
			inner = append(inner, r)
		}
	}
	found := append(prefix, inner...)
	if len(found) > maxClientMatches {
		found = found[:maxClientMatches]
	}
	return found
}

// clientMatchesText is the line under a picker's list: found are the
// matches of typed, loading tells that the client list is not in yet.
func clientMatchesText(found []view.ClientRow, loading bool, typed string) string {
	switch {
	case loading:
		return "Loading the client list…"
	case len(found) == 0:
		return "No client matches “" + strings.TrimSpace(typed) + "”."
	case len(found) >= maxClientMatches:
		return "Many clients match: type more of the name."
	}
	return countText(len(found), "match") + ": Enter picks the first, or click one."
}

// newClientMatchList builds a picker's list of the clients in *found
// (name and standards), with info, the line that says how many match,
// below it; at least height high. Clicking a client picks it.
func newClientMatchList(found *[]view.ClientRow, height float32, pick func(view.ClientRow)) (list *widget.List, info *widget.Label, box *fyne.Container) {
	list = widget.NewList(
		func() int { return len(*found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(*found) {
				r := &(*found)[i]
				o.(*widget.Label).SetText(r.Name() + standardsSuffix(r.Standards))
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		if i < len(*found) {
			pick((*found)[i])
		}
		list.UnselectAll()
	}
	info = widget.NewLabel("")
	info.Importance = widget.LowImportance
	info.Truncation = fyne.TextTruncateEllipsis
	min := canvas.NewRectangle(color.Transparent)
	min.SetMinSize(fyne.NewSize(0, height))
	return list, info, container.NewBorder(nil, info, nil, nil, container.NewStack(min, list))
}
