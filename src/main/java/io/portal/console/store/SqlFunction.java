package io.portal.console.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the database connection. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
