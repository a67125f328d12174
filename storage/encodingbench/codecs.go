package encodingbench

import (
	"bytes"
	"encoding/json"

	"github.com/fxamacker/cbor/v2"
	gojson "github.com/goccy/go-json"
	segjson "github.com/segmentio/encoding/json"
	"github.com/vmihailenco/msgpack/v5"
)

// Codec is one encoding of records.
type Codec struct {
	Name      string
	Marshal   func(v any) ([]byte, error)
	Unmarshal func(data []byte, v any) error
}

// Codecs are the encodings compared. The binary ones name a record's
// fields by their JSON names (a schema that lives in the struct tags,
// as today) so that a field added later decodes as JSON's would.
func Codecs() []Codec {
	cb, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	cbd, err := cbor.DecOptions{}.DecMode()
	if err != nil {
		panic(err)
	}
	return []Codec{
		{"encoding/json", json.Marshal, json.Unmarshal},
		{"goccy/go-json", gojson.Marshal, gojson.Unmarshal},
		{"segmentio/encoding/json", segjson.Marshal, segjson.Unmarshal},
		{"fxamacker/cbor", cb.Marshal, cbd.Unmarshal},
		{"vmihailenco/msgpack", msgpackMarshal, msgpackUnmarshal},
	}
}

// msgpackMarshal and msgpackUnmarshal use the library's pooled encoder
// and decoder, naming fields by their json tags.
func msgpackMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := msgpack.GetEncoder()
	defer msgpack.PutEncoder(enc)
	enc.Reset(&buf)
	enc.SetCustomStructTag("json")
	enc.SetOmitEmpty(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func msgpackUnmarshal(data []byte, v any) error {
	dec := msgpack.GetDecoder()
	defer msgpack.PutDecoder(dec)
	dec.Reset(bytes.NewReader(data))
	dec.SetCustomStructTag("json")
	return dec.Decode(v)
}
