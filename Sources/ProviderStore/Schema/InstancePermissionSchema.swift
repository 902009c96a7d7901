/// Migration `v13-instance-permissions-without-rowid`: `instancePermission` kept in its primary
/// key's B-tree alone.
///
/// As a rowid table its rows were one B-tree and its primary key (user, class, instance) another,
/// so every import — which gives its caller rights on the new package — wrote a page of each
/// (issue 18: about 8 µs a page a commit). `WITHOUT ROWID` stores the rows in the primary key's
/// order; nothing reads the rowid. PostgreSQL's table has no rowid to drop.
enum InstancePermissionSchema {
    static let sql = """
        CREATE TABLE instancePermissionByKey (
            userName TEXT NOT NULL,
            objectKey INTEGER NOT NULL,
            instanceKey TEXT NOT NULL,
            rights INTEGER NOT NULL,
            PRIMARY KEY (userName, objectKey, instanceKey)
        ) WITHOUT ROWID;
        INSERT INTO instancePermissionByKey (userName, objectKey, instanceKey, rights)
            SELECT userName, objectKey, instanceKey, rights FROM instancePermission;
        DROP TABLE instancePermission;
        ALTER TABLE instancePermissionByKey RENAME TO instancePermission;
        CREATE INDEX instancePermission_on_instance ON instancePermission(objectKey, instanceKey);
        """
}
