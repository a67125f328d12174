package certification

// The body's images printed on its certificates (the logo and the
// accreditation mark): stored as blobs by a journalled command, so that
// every desk of the body has them, and named in the policy by hash.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig reads JPEG
	_ "image/png"  // and PNG
)

// PolicyImage names one of the policy's images.
type PolicyImage string

const (
	ImageLogo              PolicyImage = "logo"
	ImageAccreditationMark PolicyImage = "accreditation_mark"
)

// PolicyImages are the images a policy holds.
var PolicyImages = []PolicyImage{ImageLogo, ImageAccreditationMark}

// ImageMaxBytes is the largest image accepted (1 MB).
const ImageMaxBytes = 1 << 20

// Label is how the image is named in messages: "logo", "accreditation mark".
func (w PolicyImage) Label() string {
	if w == ImageAccreditationMark {
		return "accreditation mark"
	}
	return string(w)
}

// hash points at the policy's field holding w's hash.
func (p *Policy) hash(w PolicyImage) *string {
	if w == ImageAccreditationMark {
		return &p.AccreditationMarkSHA256
	}
	return &p.LogoSHA256
}

// ImageSHA256 is the hash of the policy's image w, "" when none is set.
func (p *Policy) ImageSHA256(w PolicyImage) string { return *p.hash(w) }

// CheckImage refuses content that is not a PNG or JPEG image of at most
// ImageMaxBytes, and returns its format ("png" or "jpeg").
func CheckImage(w PolicyImage, content []byte) (string, error) {
	field := string(w)
	if len(content) > ImageMaxBytes {
		return "", invalid("policy", field, "the %s is %s; the largest accepted is %s: make the image smaller (a few hundred pixels wide is enough for print)", w.Label(), SizeLabel(int64(len(content))), SizeLabel(ImageMaxBytes))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(content))
	if err != nil || (format != "png" && format != "jpeg") {
		return "", invalid("policy", field, "the %s must be a PNG or JPEG image; this file is not one", w.Label())
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > 10000 || cfg.Height > 10000 {
		return "", invalid("policy", field, "the %s is %d×%d pixels: use an image between 1 and 10000 pixels each way", w.Label(), cfg.Width, cfg.Height)
	}
	return format, nil
}

// SetPolicyImage stores content as the policy's image w (the logo or the
// accreditation mark) and names it in the policy; nil content clears it.
// The content must be a PNG or JPEG of at most ImageMaxBytes.
func (s *Service) SetPolicyImage(ctx context.Context, w PolicyImage, content []byte) error {
	c := *s
	hash := ""
	if content != nil {
		if _, err := CheckImage(w, content); err != nil {
			return err
		}
		hash = ContentHash(content)
		c.blobs = map[string][]byte{hash: content}
	}
	return c.setPolicyImage(ctx, w, hash)
}

// setPolicyImage is SetPolicyImage of the content s.blobs holds under
// hash ("": clear): the command the journal records.
func (s *Service) setPolicyImage(ctx context.Context, w PolicyImage, hash string) error {
	cmd := call("set-policy-image", w, hash)
	if !oneOf(w, PolicyImages) {
		return invalid("policy", "image", "%q is not an image of the policy: use one of %s", w, joinAny(PolicyImages))
	}
	content, ok := s.blobs[hash]
	if hash != "" && !ok {
		return fmt.Errorf("the content of the %s (sha256 %s) did not come with the command", w.Label(), hash)
	}
	if hash != "" {
		cmd.Blobs = map[string][]byte{hash: content}
	}
	if s.body != nil {
		_, err := s.propose(ctx, cmd)
		return err
	}
	if hash != "" {
		if _, err := CheckImage(w, content); err != nil {
			return err
		}
	}
	summary := w.Label() + " cleared"
	if hash != "" {
		summary = fmt.Sprintf("%s set (%d bytes, sha256 %s)", w.Label(), len(content), hash)
	}
	return s.update(ctx, cmd, summary, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if hash != "" {
			stored, err := tx.PutBlob(content)
			if err != nil {
				return err
			}
			if stored != hash {
				return fmt.Errorf("the store filed the %s under %s, not its SHA-256 %s", w.Label(), stored, hash)
			}
		}
		*p.hash(w) = hash
		p.ChangedBy, p.ChangedOn = s.actor, s.Today()
		return tx.Put(&p)
	})
}

// PolicyImageContent reads the policy p's image w in tx, re-hashed: nil
// when none is set; an error when its content is missing or altered.
func PolicyImageContent(tx Tx, p *Policy, w PolicyImage) ([]byte, error) {
	hash := p.ImageSHA256(w)
	if hash == "" {
		return nil, nil
	}
	content, err := tx.Blob(hash)
	if err != nil {
		return nil, fmt.Errorf("the policy's %s (sha256 %s): %w; set it again (certctl policy %s FILE)", w.Label(), hash, err, w.Verb())
	}
	if ContentHash(content) != hash {
		return nil, fmt.Errorf("the policy's %s: %w", w.Label(), ErrEvidenceAltered)
	}
	return content, nil
}

// PolicyImage reads the policy's image w (nil when none is set).
func (s *Service) PolicyImage(ctx context.Context, w PolicyImage) ([]byte, error) {
	var out []byte
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		out, err = PolicyImageContent(tx, &p, w)
		return err
	})
	return out, err
}

// Verb is the image's certctl verb: "logo", "accreditation-mark".
func (w PolicyImage) Verb() string {
	if w == ImageAccreditationMark {
		return "accreditation-mark"
	}
	return "logo"
}
