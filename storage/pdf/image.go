package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // the policy's images are PNG or JPEG
	"image/png"

	"codeberg.org/go-pdf/fpdf"
)

// placeImage draws the PNG or JPEG content, named name, inside the box
// of at most w × h mm at x, y, keeping its proportions, and returns the
// width and height it took. The image is decoded and written again as
// an 8-bit PNG, so any PNG or JPEG the policy accepts (16-bit,
// interlaced, progressive) prints alike.
func placeImage(f *fpdf.Fpdf, name string, content []byte, x, y, w, h float64) (float64, float64, error) {
	src, _, err := image.Decode(bytes.NewReader(content))
	if err != nil {
		return 0, 0, fmt.Errorf("pdf: the %s does not read as an image: %w", name, err)
	}
	rgba := image.NewNRGBA(src.Bounds())
	draw.Draw(rgba, rgba.Bounds(), src, src.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, rgba); err != nil {
		return 0, 0, err
	}
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	info := f.RegisterImageOptionsReader(name, opts, &b)
	if err := f.Error(); err != nil {
		return 0, 0, fmt.Errorf("pdf: the %s: %w", name, err)
	}
	iw, ih := info.Width(), info.Height()
	scale := min(w/iw, h/ih)
	iw, ih = iw*scale, ih*scale
	f.ImageOptions(name, x, y, iw, ih, false, opts, 0, "")
	return iw, ih, nil
}
