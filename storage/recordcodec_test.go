package storage

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/demo"
)

// Every record of a demo body and of the audit fixture (every kind,
// every shape: policies, people with keys and interests, audits with
// checklists, samples, holds and activities, findings, decisions,
// certificates, evidence, complaints and appeals, obligations) decodes
// through unmarshalRecord into exactly what encoding/json makes of the
// same bytes, and a malformed record is refused by both.
func TestRecordsDecodeAsEncodingJSONDecodesThem(t *testing.T) {
	ctx := context.Background()
	asOf, _ := certification.ParseDate("2026-11-24")
	bodies := map[string]func(db *DB) error{
		"demo": func(db *DB) error {
			_, err := demo.Generate(ctx, db, demo.Options{Clients: 25, Seed: 3, AsOf: asOf})
			return err
		},
		"audit fixture": func(db *DB) error {
			fx, err := auditfixture.Build(ctx, db)
			if err != nil {
				return err
			}
			p := certification.DefaultPolicy()
			p.RemoteOverLimitRefused, p.BodyAddress = true, "Hafenstraße 1, Hamburg"
			if err := fx.Svc.SetPolicy(ctx, p); err != nil {
				return err
			}
			if err := fx.Svc.SetAuditActivities(ctx, fx.FollowUp, certification.ActivityPlan{RemoteAssessment: "Tested.",
				Activities: []certification.AuditActivity{{Name: "Records", Hours: 2}, {Name: "Interview", Hours: 1, Remote: true, ICT: "Video call"}}}); err != nil {
				return err
			}
			// A complaint with its steps (pointers, dates, a party).
			id, err := fx.Svc.ReceiveCase(ctx, certification.Case{Kind: certification.CaseComplaint, AuditID: fx.Stage2,
				From: certification.CaseParty{Name: "Paul Public", Organisation: "Café «Ü»", Contact: "paul@example.org"}, Subject: "report late"})
			if err != nil {
				return err
			}
			return fx.Svc.AcknowledgeCase(ctx, id, certification.CaseStep{PersonID: fx.Decider, Text: "letter sent"})
		},
	}
	kinds := map[certification.Kind]int{} // over both bodies
	for name, build := range bodies {
		t.Run(name, func(t *testing.T) {
			db, err := OpenMemory()
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := build(db); err != nil {
				t.Fatal(err)
			}
			err = db.bdb.View(func(txn *badger.Txn) error {
				for kind := range recordTypes {
					prefix := kindPrefix(kind)
					it := prefixIterator(txn, prefix)
					for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
						data, err := it.Item().ValueCopy(nil)
						if err != nil {
							it.Close()
							return err
						}
						want, _ := newRecord(kind)
						got, _ := newRecord(kind)
						errWant, errGot := json.Unmarshal(data, want), unmarshalRecord(data, got)
						if (errWant == nil) != (errGot == nil) || !reflect.DeepEqual(want, got) {
							t.Errorf("%s %d: encoding/json gives %+v (%v), unmarshalRecord %+v (%v)", kind, idOf(it.Item().Key()), want, errWant, got, errGot)
						}
						kinds[kind]++
					}
					it.Close()
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, k := range []certification.Kind{certification.KindPolicy, certification.KindPerson, certification.KindClient, certification.KindCertification,
		certification.KindAudit, certification.KindFinding, certification.KindCertificate, certification.KindDecision, certification.KindCase, certification.KindObligations} {
		if kinds[k] == 0 {
			t.Errorf("no %s record in either body: the comparison does not cover it", k)
		}
	}
	// encoding/json's subtler readings: invalid UTF-8 and lone surrogates
	// become U+FFFD, keys match without regard to case, the last of a
	// duplicated key wins, null leaves a field zero, unknown keys are
	// skipped.
	for _, odd := range []string{"{\"legal_name\":\"a\xffb\"}", `{"legal_name":"\ud800"}`, `{"LEGAL_NAME":"x"}`,
		`{"legal_name":"a","legal_name":"b"}`, `{"legal_name":null,"id":7}`, `{"unknown":{"x":[1,2]},"id":3}`} {
		var a, b certification.Client
		errA, errB := json.Unmarshal([]byte(odd), &a), unmarshalRecord([]byte(odd), &b)
		if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%q: encoding/json %+v (%v), unmarshalRecord %+v (%v)", odd, a, errA, b, errB)
		}
	}
	for _, bad := range []string{`{"id":1,"legal_name":}`, `{"id":"one"}`, `[1,2]`, `{"id":1`} {
		var a, b certification.Client
		if errA, errB := json.Unmarshal([]byte(bad), &a), unmarshalRecord([]byte(bad), &b); errA == nil || errB == nil {
			t.Errorf("%s: encoding/json %v, unmarshalRecord %v: both must refuse it", bad, errA, errB)
		}
	}
}
