package app

import "fyne.io/fyne/v2"

// placeholder stands for a workspace under construction.
type placeholder struct {
	title string
	ic    fyne.Resource
	body  fyne.CanvasObject
}

func (p *placeholder) name() string               { return p.title }
func (p *placeholder) icon() fyne.Resource        { return p.ic }
func (p *placeholder) content() fyne.CanvasObject { return p.body }
func (p *placeholder) reload()                    {}
func (p *placeholder) create() bool               { return false }
func (p *placeholder) focusSearch() bool          { return false }
