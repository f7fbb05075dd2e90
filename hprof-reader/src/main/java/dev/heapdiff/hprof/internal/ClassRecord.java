package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.ValueType;

/** A CLASS DUMP record as read in the first pass, before names and layout are resolved. */
public final class ClassRecord {
  public long id;
  /** Offset of the sub-record's tag byte. */
  public long position;
  public long superId;
  public long loaderId;
  public long signersId;
  public long protectionDomainId;
  public int instanceSizeInDump;
  /** Ids of objects referenced from the constant pool. */
  public long[] constantPoolRefs = new long[0];
  public long[] staticNameIds = new long[0];
  public ValueType[] staticTypes = new ValueType[0];
  /** Static values: object ids for references, raw bits for primitives. */
  public long[] staticValues = new long[0];
  public long[] fieldNameIds = new long[0];
  public ValueType[] fieldTypes = new ValueType[0];
  /** The primitive array type, for classes synthesized for primitive arrays; else null. */
  public ValueType primitiveArrayType;

  // Resolved after the first pass.
  public String name;
  public int superIndex = -1;
  public int objectIndex = -1;
  public boolean isObjectArray;
}
