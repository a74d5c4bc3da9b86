import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemoryModel } from './memory-model.js';
import { findProfile, PROFILES } from './profiles.js';

describe('MCU profiles', () => {
  test('six boards with their datasheet SRAM and clock', () => {
    const table = Object.fromEntries(PROFILES.map((p) => [p.model, [p.sramBytes / 1024, p.clockMHz]]));
    assert.deepEqual(table, {
      'ESP32-S3': [512, 240],
      'ESP32-C3': [400, 160],
      'ESP32-C6': [512, 160],
      ESP32: [520, 240],
      ESP8266: [80, 80],
      RP2040: [264, 133],
    });
  });

  test('the ESP32-S3 has the reference firmware limits; smaller boards less', () => {
    const s3 = findProfile('ESP32-S3')!;
    assert.deepEqual([s3.maxConcurrentCommands, s3.pendingQueueDepth, s3.outputQueueDepth], [4, 16, 128]);
    const esp8266 = findProfile('esp8266')!;
    assert.deepEqual([esp8266.maxConcurrentCommands, esp8266.pendingQueueDepth, esp8266.outputQueueDepth], [2, 8, 32]);
    for (const p of PROFILES) {
      assert.ok(p.heapBytes < p.sramBytes, `${p.model}: heap within SRAM`);
      assert.ok(p.memory.firmwareBase < p.heapBytes * 0.7, `${p.model}: room for drivers and commands`);
      assert.ok(p.wifi.meanMs > 0 && p.wifi.meanMs < 20, `${p.model}: WiFi delay of a few ms`);
    }
    assert.ok(findProfile('Pico W')!.wifi.meanMs > s3.wifi.meanMs);
    assert.ok(esp8266.wifi.meanMs > s3.wifi.meanMs);
  });

  test('findProfile ignores case, "-", "_" and spaces', () => {
    assert.equal(findProfile('esp32s3')?.model, 'ESP32-S3');
    assert.equal(findProfile('ESP32_C3')?.model, 'ESP32-C3');
    assert.equal(findProfile('esp32 c6')?.model, 'ESP32-C6');
    assert.equal(findProfile('pico-w')?.model, 'RP2040');
    assert.equal(findProfile('rp2040')?.model, 'RP2040');
    assert.equal(findProfile('esp32')?.model, 'ESP32');
    assert.equal(findProfile('arduino uno'), undefined);
  });
});

describe('memory model', () => {
  test('tracks the high-water mark and resets it to the current level', () => {
    const heap = new MemoryModel(10_000);
    assert.deepEqual(heap.allocate(4000), { ok: true });
    assert.deepEqual(heap.allocate(3000), { ok: true });
    heap.release(3000);
    assert.equal(heap.inUse, 4000);
    assert.equal(heap.takePeak(), 7000);
    assert.equal(heap.takePeak(), 4000, 'after a reset the mark is what is in use');
  });

  test('refuses past the heap with MicroPython MemoryError and takes nothing', () => {
    const heap = new MemoryModel(1000);
    heap.allocate(900);
    assert.deepEqual(heap.allocate(200), { ok: false, error: 'MemoryError: memory allocation failed, allocating 200 bytes' });
    assert.equal(heap.inUse, 900);
  });
});
