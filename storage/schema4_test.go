package storage

import (
	"context"
	"testing"

	"certdesk/certification"
)

// Schema 4 indexes each person by role: a folder written before (no role
// entries, schema 3) gets them on its first open, and an administrator
// named then closes the register to everyone else.
func TestMigrationTo4IndexesPeopleByRole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openAt(t, dir)
	svc := certification.NewService(db, demoDay{})
	for _, p := range []certification.Person{
		{Name: "Lee Lead", Roles: []certification.Role{certification.RoleLeadAuditor}},
		{Name: "Ann Admin", Roles: []certification.Role{certification.RoleSchemeManager, certification.RoleAdministrator}},
	} {
		if _, err := svc.AddPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// Make it a schema 3 folder: no role index, schema marker 3.
	if dropped := downgrade(t, db, certification.IndexPersonRole, 3); dropped != 3 {
		t.Fatalf("%d role index entries before, want 3", dropped)
	}
	db.Close()

	db = openAt(t, dir)
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after opening, want %d", v, currentSchema)
	}
	verifyClean(t, db)
	var admins []certification.ID
	mustView(t, db, func(tx certification.Tx) (err error) {
		admins, err = tx.Lookup(certification.IndexPersonRole, []byte(certification.RoleAdministrator))
		return err
	})
	if len(admins) != 1 || admins[0] != 2 {
		t.Errorf("administrators after the migration: %v, want [2]", admins)
	}
	lee := certification.NewService(db, demoDay{}).As(certification.Actor{PersonID: 1, Name: "Lee Lead"})
	if _, err := lee.AddPerson(ctx, certification.Person{Name: "Dan Decider", Roles: []certification.Role{certification.RoleDecisionMaker}}); err == nil {
		t.Error("a lead auditor added a person to a register with an administrator")
	}
}
