package auditfixture

import (
	"bytes"
	"context"
	"image"
	"image/png"

	"certdesk/certification"
)

// DocumentSettings gives svc's body the document settings tests print
// with: an accreditation (ESYD 123-3), the register's address
// https://register.example.org and a small PNG logo, which it returns.
func DocumentSettings(ctx context.Context, svc *certification.Service) ([]byte, error) {
	p, err := svc.Policy(ctx)
	if err != nil {
		return nil, err
	}
	p.AccreditationBody, p.AccreditationNumber, p.RegisterURL = "ESYD", "123-3", "https://register.example.org"
	if err := svc.SetPolicy(ctx, p); err != nil {
		return nil, err
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		return nil, err
	}
	return logo.Bytes(), svc.SetPolicyImage(ctx, certification.ImageLogo, logo.Bytes())
}
