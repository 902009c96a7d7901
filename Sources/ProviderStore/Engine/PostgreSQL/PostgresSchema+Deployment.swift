/// Deployments (SQLite migration v5-deploy-advertisements-variables): advertisements, their ID
/// counter, task sequence variables of collections and computers, and the guards that keep
/// them consistent whoever deletes a collection or computer.
extension PostgresSchema {
    /// `advertisementID` is `COLLATE NOCASE` on SQLite; `packageID` and `collectionID` are
    /// indexed NOCASE and compared so, hence `citext`. No foreign keys: the service refuses to
    /// delete a package or collection that is deployed, naming the advertisements.
    static let deploymentTables = """
        CREATE TABLE advertisement (
            advertisementID citext NOT NULL PRIMARY KEY,
            advertisementName text NOT NULL,
            comment text NOT NULL DEFAULT '',
            collectionID citext NOT NULL,
            packageID citext NOT NULL,
            programName text NOT NULL,
            advertFlags bigint NOT NULL,
            offerType bigint NOT NULL,
            presentTime bigint NOT NULL,
            presentTimeEnabled bigint NOT NULL,
            expirationTime bigint NOT NULL,
            expirationTimeEnabled bigint NOT NULL,
            includeSubCollection bigint NOT NULL,
            sourceSite text NOT NULL,
            createdByUID bigint
        );
        CREATE INDEX advertisement_on_package ON advertisement(packageID);
        CREATE INDEX advertisement_on_collection ON advertisement(collectionID);

        CREATE TABLE advertisementIDAllocation (
            siteCode text NOT NULL PRIMARY KEY,
            lastNumber bigint NOT NULL
        );

        CREATE TABLE deploymentVariable (
            ownerKind text NOT NULL,
            ownerKey text NOT NULL,
            position bigint NOT NULL,
            name citext NOT NULL,
            value text NOT NULL,
            isMasked bigint NOT NULL
        );
        -- Names are unique per owner without case (reference §9): name is citext.
        CREATE UNIQUE INDEX deploymentVariable_on_name ON deploymentVariable(ownerKind, ownerKey, name);
        CREATE INDEX deploymentVariable_in_order ON deploymentVariable(ownerKind, ownerKey, position);
        """

    /// SQLite's `RAISE(ABORT, message)` is `RAISE EXCEPTION` here (SQLSTATE P0001, which the
    /// engine answers as `StoreError.refusedByRule` with the same message). Owner keys compare
    /// exactly, as on SQLite, hence the casts to text.
    static let deploymentGuards = """
        CREATE FUNCTION collection_deployed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM advertisement WHERE collectionID = OLD.collectionID) THEN
                RAISE EXCEPTION '%', \(literal(DeploymentTables.deployedCollectionMessage));
            END IF;
            RETURN OLD;
        END $$;
        CREATE TRIGGER collection_deployed BEFORE DELETE ON collection
            FOR EACH ROW EXECUTE FUNCTION collection_deployed();

        CREATE FUNCTION collection_variables_go() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM deploymentVariable WHERE ownerKind = 'collection' AND ownerKey = OLD.collectionID::text;
            RETURN NULL;
        END $$;
        CREATE TRIGGER collection_variables_go AFTER DELETE ON collection
            FOR EACH ROW EXECUTE FUNCTION collection_variables_go();

        CREATE FUNCTION computer_variables_go() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM deploymentVariable WHERE ownerKind = 'machine' AND ownerKey = OLD.resourceID::text;
            RETURN NULL;
        END $$;
        CREATE TRIGGER computer_variables_go AFTER DELETE ON computer
            FOR EACH ROW EXECUTE FUNCTION computer_variables_go();
        """
}
