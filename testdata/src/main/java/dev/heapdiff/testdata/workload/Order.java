package dev.heapdiff.testdata.workload;

/** An instance with one field of each common type: 32 bytes on JDK 17 with compressed oops. */
public final class Order {
  final String customer;
  final int quantity;
  final double price;
  final boolean paid;
  final byte priority;
  final char grade;
  Item first;

  Order(String customer, int quantity, double price, boolean paid, byte priority, char grade) {
    this.customer = customer;
    this.quantity = quantity;
    this.price = price;
    this.paid = paid;
    this.priority = priority;
    this.grade = grade;
  }
}
