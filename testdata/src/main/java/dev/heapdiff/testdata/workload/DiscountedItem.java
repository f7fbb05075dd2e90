package dev.heapdiff.testdata.workload;

/** A subclass whose small fields fill the gap its superclass leaves (JDK 15+ field layout). */
public final class DiscountedItem extends Item {
  final short percent;
  final byte code;
  final float rate;

  DiscountedItem(long sku, Order order, short percent) {
    super(sku, order);
    this.percent = percent;
    this.code = (byte) percent;
    this.rate = percent / 100f;
  }
}
