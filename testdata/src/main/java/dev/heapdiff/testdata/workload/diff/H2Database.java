package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The H2 database engine, in memory: the setup creates a table and an index and inserts {@value
 * #BEFORE} rows; the critical section inserts {@value #ADDED} rows, updates some, deletes some and
 * runs a grouping query whose result rows it keeps. New: H2's rows, values and B-tree pages (classes
 * {@code org.h2.…}), and the kept results.
 */
public final class H2Database implements Workload {
  public static final int BEFORE = 500;
  public static final int ADDED = 2_000;

  static Connection connection;
  static final List<Object[]> RESULTS = new ArrayList<>();

  @Override
  public void setup() throws Exception {
    connection = DriverManager.getConnection("jdbc:h2:mem:truth;DB_CLOSE_DELAY=-1", "sa", "");
    try (Statement s = connection.createStatement()) {
      s.execute("create table orders(id int primary key, customer varchar(40), amount decimal(12, 2))");
      s.execute("create index orders_customer on orders(customer)");
    }
    insert(0, BEFORE);
  }

  @Override
  public void criticalSection() throws Exception {
    insert(BEFORE, BEFORE + ADDED);
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("update orders set amount = amount * 2 where mod(id, 7) = 0");
      s.executeUpdate("delete from orders where mod(id, 11) = 0");
      try (ResultSet rows = s.executeQuery(
          "select customer, count(*), sum(amount) from orders group by customer order by customer")) {
        while (rows.next()) {
          RESULTS.add(new Object[] {rows.getString(1), rows.getInt(2), rows.getBigDecimal(3)});
        }
      }
    }
  }

  private static void insert(int from, int to) throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("insert into orders values (?, ?, ?)")) {
      for (int id = from; id < to; id++) {
        insert.setInt(1, id);
        insert.setString(2, "customer-" + id % 97);
        insert.setBigDecimal(3, BigDecimal.valueOf(id * 37L % 10_000, 2));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
