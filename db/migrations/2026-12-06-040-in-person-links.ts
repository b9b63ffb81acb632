import { sql, type Kysely } from "kysely";

// Supports given in person linked to the account their person makes later (issue 18, decision 058).
//
// - `user_id`, `linked_at`: the account a support given in person was matched to (the staff
//   member who verified the person in person typed the same name, birth date and phone, whose
//   per-idea hash is the row's identity_hash). Null: not matched (yet).
// - `merged_at`: the person already supported the idea online when matched; the in-person row is
//   closed (voided_at set too, so every count that reads "voided_at IS NULL" leaves it out) and
//   the online support stands: one person counts once.
// - The database's last word: a support inserted online for an idea its person already supports
//   in person (a linked row not voided) is refused by a trigger (SQLSTATE MD001). The trigger's
//   query runs with a fresh snapshot (PL/pgSQL, READ COMMITTED), after the insert's statement has
//   taken the idea's row lock, so a link committed meanwhile is seen. A support moved by a merge
//   of two ideas (merged_from_id) is dropped instead, as a duplicate is: the in-person one stands.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("in_person_supports")
    .addColumn("user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("linked_at", "timestamptz")
    .addColumn("merged_at", "timestamptz")
    .execute();
  await sql`ALTER TABLE in_person_supports ADD CONSTRAINT in_person_supports_linked CHECK ((user_id IS NULL) = (linked_at IS NULL))`.execute(db);
  await sql`ALTER TABLE in_person_supports ADD CONSTRAINT in_person_supports_merged CHECK (merged_at IS NULL OR (user_id IS NOT NULL AND voided_at IS NOT NULL))`.execute(db);
  // One counted support a person per idea in person, whichever way they came.
  await sql`CREATE UNIQUE INDEX in_person_supports_person ON in_person_supports (idea_id, user_id) WHERE user_id IS NOT NULL AND voided_at IS NULL`.execute(db);
  await sql`CREATE FUNCTION supports_not_in_person() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM in_person_supports
                 WHERE idea_id = NEW.idea_id AND user_id = NEW.user_id AND voided_at IS NULL) THEN
        IF NEW.merged_from_id IS NOT NULL THEN
          RETURN NULL;
        END IF;
        RAISE EXCEPTION 'already supported in person' USING ERRCODE = 'MD001';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER supports_not_in_person BEFORE INSERT ON supports
    FOR EACH ROW EXECUTE FUNCTION supports_not_in_person()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS supports_not_in_person ON supports`.execute(db);
  await sql`DROP FUNCTION IF EXISTS supports_not_in_person()`.execute(db);
  await sql`DROP INDEX IF EXISTS in_person_supports_person`.execute(db);
  await db.schema.alterTable("in_person_supports").dropConstraint("in_person_supports_merged").execute();
  await db.schema.alterTable("in_person_supports").dropConstraint("in_person_supports_linked").execute();
  await db.schema.alterTable("in_person_supports").dropColumn("merged_at").dropColumn("linked_at").dropColumn("user_id").execute();
}
