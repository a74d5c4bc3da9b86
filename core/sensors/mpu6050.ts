import { clamp, round } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

const G = 9.80665;
/** +-2 g full scale, the power-on default. */
const ACCEL_LIMIT = 2 * G;
/** +-250 deg/s full scale, the power-on default. */
const GYRO_LIMIT = 250;
const RAD = Math.PI / 180;

/** How far the die runs above the air around the board (its own dissipation), C. */
export const MPU6050_DIE_WARMUP_C = 3;

/**
 * MPU6050: 3-axis accelerometer, 3-axis gyroscope and die thermometer on I2C. Axes: x forward, y left,
 * z up through the board; level and still, it reads (0, 0, +g). Tilt is what the firmware computes from
 * the accelerometer alone: pitch = atan2(-ax, sqrt(ay^2 + az^2)), roll = atan2(ay, az).
 */
export const MPU6050: SensorSpec = {
  name: 'MPU6050',
  aliases: ['MPU-6050', 'MPU_6050', 'GY-521', 'GY521'],
  description: '6-axis IMU: acceleration (m/s2), rotation rate (deg/s), tilt angles (deg) and die temperature (C)',
  bus: 'i2c',
  fields: {
    temperature: {
      unit: 'C',
      range: [-40, 85],
      description: `Die temperature, C (runs about ${MPU6050_DIE_WARMUP_C} C above the surrounding air; accuracy +-1 C)`,
    },
    accel: {
      unit: 'm/s2',
      range: [-ACCEL_LIMIT, ACCEL_LIMIT],
      description: 'Acceleration {x, y, z}, m/s2, gravity included (level and still: z = +9.81); full scale +-2 g',
    },
    gyro: {
      unit: 'deg/s',
      range: [-GYRO_LIMIT, GYRO_LIMIT],
      description: 'Angular rate {x, y, z} about each axis, deg/s (0 when still, within a degree or two of offset)',
    },
    tilt: {
      unit: 'deg',
      range: [-180, 180],
      description: 'Tilt from the accelerometer {x: pitch, y: roll}, degrees (0, 0 when level)',
    },
  },
  commands: {
    read_temp: ['temperature'],
    read_accel: ['accel'],
    read_gyro: ['gyro'],
    read_angle: ['tilt'],
    read_all: ['temperature', 'accel', 'gyro', 'tilt'],
  },
  tools: {
    read_temperature: 'read_temp',
    read_accel: 'read_accel',
    read_gyro: 'read_gyro',
    read_angle: 'read_angle',
    read_all: 'read_all',
  },
  // One 14-byte burst read at 400 kHz I2C.
  readTimeMs: 1,
  driverMemoryBytes: 1776, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const { env } = ctx;
    const pitch = env.tiltDeg.pitch * RAD;
    const roll = env.tiltDeg.roll * RAD;
    // Gravity seen in the board's frame, plus the shaking felt in this place.
    const shake = env.vibrationMs2 * 0.7;
    const ax = -G * Math.sin(pitch) + shake * sampleNoise(ctx, 'vx', 1) + instanceBias(ctx, 'ax', 0.6) + sampleNoise(ctx, 'ax', 0.03);
    const ay = G * Math.cos(pitch) * Math.sin(roll) + shake * sampleNoise(ctx, 'vy', 1) + instanceBias(ctx, 'ay', 0.6) + sampleNoise(ctx, 'ay', 0.03);
    const az = G * Math.cos(pitch) * Math.cos(roll) + shake * sampleNoise(ctx, 'vz', 1) + instanceBias(ctx, 'az', 0.8) + sampleNoise(ctx, 'az', 0.04);
    const accel = {
      x: round(clamp(ax, -ACCEL_LIMIT, ACCEL_LIMIT), 3),
      y: round(clamp(ay, -ACCEL_LIMIT, ACCEL_LIMIT), 3),
      z: round(clamp(az, -ACCEL_LIMIT, ACCEL_LIMIT), 3),
    };
    const gyro = {
      x: round(clamp(env.rotationDegS.x + instanceBias(ctx, 'gx', 4) + sampleNoise(ctx, 'gx', 0.05), -GYRO_LIMIT, GYRO_LIMIT), 2),
      y: round(clamp(env.rotationDegS.y + instanceBias(ctx, 'gy', 4) + sampleNoise(ctx, 'gy', 0.05), -GYRO_LIMIT, GYRO_LIMIT), 2),
      z: round(clamp(env.rotationDegS.z + instanceBias(ctx, 'gz', 4) + sampleNoise(ctx, 'gz', 0.05), -GYRO_LIMIT, GYRO_LIMIT), 2),
    };
    const temperature = env.airTemperatureC + MPU6050_DIE_WARMUP_C + instanceBias(ctx, 't', 1) + sampleNoise(ctx, 't', 0.05);
    return {
      temperature: round(clamp(temperature, -40, 85), 2),
      accel,
      gyro,
      tilt: tiltFromAccel(accel.x, accel.y, accel.z),
    };
  },
};

/** The firmware's tilt estimate from one accelerometer sample, degrees to 0.1. */
export function tiltFromAccel(ax: number, ay: number, az: number): { x: number; y: number } {
  const pitch = Math.atan2(-ax, Math.sqrt(ay * ay + az * az)) / RAD;
  const roll = Math.atan2(ay, az) / RAD;
  return { x: round(pitch, 1), y: round(roll, 1) };
}
