package dev.heapdiff.testdata;

import java.util.ArrayList;
import java.util.List;

/**
 * A CLASS DUMP being described for an {@link HprofWriter}: superclass, loader, constant pool, static
 * fields and the instance fields the class declares; {@link #end()} writes it.
 */
public final class ClassDump {
  private record StaticValue(String name, BasicType type, Object value) {}

  private final HprofWriter w;
  private final int idSize;
  private final long classId;
  private long superId;
  private long loaderId;
  private long signersId;
  private long protectionDomainId;
  private int stackTraceSerial;
  private Integer instanceSize;
  private final Bytes constants = new Bytes();
  private int constantCount;
  private final List<StaticValue> statics = new ArrayList<>();
  private final List<String> fieldNames = new ArrayList<>();
  private final List<BasicType> fieldTypes = new ArrayList<>();

  ClassDump(HprofWriter w, long classId) {
    this.w = w;
    this.idSize = w.idSize();
    this.classId = classId;
  }

  public ClassDump superclass(long id) {
    superId = id;
    return this;
  }

  public ClassDump loader(long id) {
    loaderId = id;
    return this;
  }

  public ClassDump signers(long id) {
    signersId = id;
    return this;
  }

  public ClassDump protectionDomain(long id) {
    protectionDomainId = id;
    return this;
  }

  public ClassDump stackTraceSerial(int serial) {
    stackTraceSerial = serial;
    return this;
  }

  /** Sets the instance size field; by default the bytes of field values an instance holds in the dump. */
  public ClassDump instanceSize(int bytes) {
    instanceSize = bytes;
    return this;
  }

  /** Adds a constant pool entry. */
  public ClassDump constant(int index, BasicType type, Object value) {
    constants.u2(index).u1(type.tag()).value(type, value, idSize);
    constantCount++;
    return this;
  }

  /** Adds a static field with its value. */
  public ClassDump staticField(String name, BasicType type, Object value) {
    statics.add(new StaticValue(name, type, value));
    return this;
  }

  /** Adds an instance field the class declares; instances hold the values in the order of these calls. */
  public ClassDump field(String name, BasicType type) {
    fieldNames.add(name);
    fieldTypes.add(type);
    return this;
  }

  /** Writes the CLASS DUMP and returns the writer. */
  public HprofWriter end() {
    long[] staticNameIds = new long[statics.size()];
    for (int s = 0; s < staticNameIds.length; s++) {
      staticNameIds[s] = w.name(statics.get(s).name());
    }
    long[] fieldNameIds = new long[fieldNames.size()];
    for (int f = 0; f < fieldNameIds.length; f++) {
      fieldNameIds[f] = w.name(fieldNames.get(f));
    }
    w.declareFields(classId, superId, fieldTypes.toArray(new BasicType[0]));
    int size = 0;
    for (BasicType type : w.instanceFieldTypes(classId)) {
      size += type.size(idSize);
    }
    Bytes body = w.sub(0x20).id(classId, idSize).u4(stackTraceSerial).id(superId, idSize).id(loaderId, idSize)
        .id(signersId, idSize).id(protectionDomainId, idSize).id(0, idSize).id(0, idSize)
        .u4(instanceSize != null ? instanceSize : size).u2(constantCount);
    body.append(constants);
    body.u2(statics.size());
    for (int s = 0; s < staticNameIds.length; s++) {
      StaticValue value = statics.get(s);
      body.id(staticNameIds[s], idSize).u1(value.type().tag()).value(value.type(), value.value(), idSize);
    }
    body.u2(fieldNameIds.length);
    for (int f = 0; f < fieldNameIds.length; f++) {
      body.id(fieldNameIds[f], idSize).u1(fieldTypes.get(f).tag());
    }
    return w;
  }
}
