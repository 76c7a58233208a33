package org.universalim.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date with Liquibase before anything else of the application runs:
 * tables are created on the first start and changed by new changesets on upgrades, on Derby and
 * PostgreSQL alike. Several nodes starting at once take Liquibase's lock in turn.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    public static final String CHANGELOG = "db/changelog.xml";

    @Resource(lookup = "jdbc/universalim")
    DataSource dataSource;

    @Inject
    Logger log;

    private volatile boolean done;

    @PostConstruct
    void migrate() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(getClass().getClassLoader()),
                    "liquibase.analytics.enabled", false,
                    "liquibase.showBanner", false);
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute());
            // leave nothing open for the container's local transaction to roll back
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the database schema could not be brought up to date", e);
        }
        done = true;
        log.info(() -> "database schema up to date in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** Whether the schema is current (for readiness). */
    public boolean isDone() {
        return done;
    }
}
