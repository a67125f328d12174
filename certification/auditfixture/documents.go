package auditfixture

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
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
	logo, err := Image("png", 4, 4)
	if err != nil {
		return nil, err
	}
	return logo, svc.SetPolicyImage(ctx, certification.ImageLogo, logo)
}

// Image is a w×h test picture (a blue line across a 16-bit image, as
// some logos are) encoded as format, "png" or "jpeg".
func Image(format string, w, h int) ([]byte, error) {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.RGBA{0, 60, 140, 255})
	}
	var b bytes.Buffer
	if format == "png" {
		err := png.Encode(&b, img)
		return b.Bytes(), err
	}
	err := jpeg.Encode(&b, img, nil)
	return b.Bytes(), err
}
