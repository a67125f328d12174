package main

import (
	"os"

	"certdesk/certification"
)

// certctl policy logo and policy accreditation-mark (the images printed
// on the body's certificates, stored in the data folder by a journalled
// command so that every desk of the body prints them) and certctl client
// language: what the body's documents look like (docs/documents.md).

type policyLogoCmd struct{ policyImageCmd }

type policyMarkCmd struct{ policyImageCmd }

type policyImageCmd struct {
	File  string `arg:"" optional:"" type:"existingfile" placeholder:"FILE" help:"a PNG or JPEG image of at most 1 MB"`
	Clear bool   `help:"remove the image: certificates print without it"`
}

func (c *policyLogoCmd) Run(e *env) error { return c.set(e, certification.ImageLogo) }
func (c *policyMarkCmd) Run(e *env) error { return c.set(e, certification.ImageAccreditationMark) }

func (c *policyImageCmd) set(e *env, w certification.PolicyImage) error {
	if (c.File == "") == !c.Clear {
		return inputf("policy %s: give an image FILE, or --clear to remove the %s", w.Verb(), w.Label())
	}
	var content []byte
	if !c.Clear {
		var err error
		if content, err = os.ReadFile(c.File); err != nil {
			return err
		}
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := svc.SetPolicyImage(e.ctx, w, content); err != nil {
		return err
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"policy": p})
	}
	if c.Clear {
		e.printf("The %s is cleared: certificates print without it.\n", w.Label())
	} else {
		e.printf("The %s is set (%d bytes, SHA-256 %s): certificates print it.\n", w.Label(), len(content), p.ImageSHA256(w))
	}
	return nil
}

// clientLangCmd sets the language a client's certificate is printed in.
type clientLangCmd struct {
	Client certification.ID `arg:"" placeholder:"ID" help:"the client's id"`
	Lang   string           `arg:"" placeholder:"LANG" help:"en, fr or el"`
}

func (c *clientLangCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	cl, err := svc.Client(e.ctx, c.Client)
	if err != nil {
		return err
	}
	cl.DocLanguage = c.Lang
	if err := svc.UpdateClient(e.ctx, cl); err != nil {
		return err
	}
	if e.json {
		return e.showClientRecord(svc, c.Client)
	}
	e.printf("Client %d's certificates print in %s.\n", cl.ID, certification.DocLanguageName(cl.DocLanguage))
	return nil
}
