# Generated from core/sensors by scripts/firmware/sensor-table.ts: regenerate it, do not edit it.
# One row per sensor type: "commands" maps each command to the fields its reply carries (always with
# "read_all"), "read_ms" is the datasheet conversion time, "bus" how the board reads the sensor. The driver
# of a type lives in iotmcp/sensors/<name>.py, the name lower-cased with "-" as "_".
SENSORS = ({
        "name": "DHT11",
        "aliases": ("DHT-11", "DHT_11"),
        "commands": {
            "read_temp": ("temperature",),
            "read_hum": ("humidity",),
            "read_all": ("temperature", "humidity"),
        },
        "read_ms": 25,
        "bus": "digital",
    }, {
        "name": "MPU6050",
        "aliases": ("MPU-6050", "MPU_6050", "GY-521", "GY521"),
        "commands": {
            "read_temp": ("temperature",),
            "read_accel": ("accel",),
            "read_gyro": ("gyro",),
            "read_angle": ("tilt",),
            "read_all": ("temperature", "accel", "gyro", "tilt"),
        },
        "read_ms": 1,
        "bus": "i2c",
    }, {
        "name": "DS18B20",
        "aliases": ("DS18X20", "DS18x20", "DS-18B20", "DS_18B20"),
        "commands": {
            "read_temp": ("temperatures",),
            "read_rom": ("roms",),
            "read_config": ("configs",),
            "read_alarmed_roms": ("alarmed_roms",),
            "read_scratchpad": ("scratchpads",),
            "read_all": ("temperatures", "roms", "configs", "alarmed_roms", "scratchpads"),
        },
        "read_ms": 750,
        "bus": "onewire",
    }, {
        "name": "LM35",
        "aliases": ("LM-35", "LM_35", "LM35DZ"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_celsius": ("celsius",),
            "read_alarm": ("alarm",),
            "read_all": ("raw", "voltage", "celsius", "alarm"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "TMP36",
        "aliases": ("TMP-36", "TMP_36"),
        "commands": {
            "read_temperature": ("raw", "voltage", "celsius"),
            "read_all": ("raw", "voltage", "celsius"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "BH1750",
        "aliases": ("BH-1750", "BH_1750", "GY-302", "GY302"),
        "commands": {
            "read_lux": ("lux",),
            "read_raw": ("raw",),
            "read_all": ("lux", "raw"),
        },
        "read_ms": 120,
        "bus": "i2c",
    }, {
        "name": "GUVA-S12SD",
        "aliases": ("GUVA_S12SD", "GUVAS12SD", "S12SD"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_uvi": ("uvi",),
            "read_all": ("raw", "voltage", "uvi"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "LTR390",
        "aliases": ("LTR-390", "LTR_390", "LTR390UV", "LTR390-UV"),
        "commands": {
            "read_uv_index": ("uv_index",),
            "read_lux": ("lux",),
            "read_raw": ("raw_uvs", "raw_als"),
            "read_all": ("uv_index", "lux", "raw_uvs", "raw_als"),
        },
        "read_ms": 100,
        "bus": "i2c",
    }, {
        "name": "HC-SR04",
        "aliases": ("HC_SR04", "HCSR04", "SR04"),
        "commands": {
            "read_distance": ("distance_cm",),
            "read_all": ("distance_cm",),
        },
        "read_ms": 24,
        "bus": "gpio-timing",
    }, {
        "name": "HC-SR501",
        "aliases": ("HC_SR501", "HCSR501", "SR501", "PIR"),
        "commands": {
            "read_motion": ("motion",),
            "read_all": ("motion",),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "SW420",
        "aliases": ("SW-420", "SW_420"),
        "commands": {
            "read_raw": ("raw",),
            "read_shock": ("shock",),
            "read_all": ("raw", "shock"),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "KY-004",
        "aliases": ("KY_004", "KY004"),
        "commands": {
            "read_state": ("raw",),
            "is_pressed": ("pressed",),
            "read_all": ("raw", "pressed"),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "KY-010",
        "aliases": ("KY_010", "KY010"),
        "commands": {
            "read_state": ("raw",),
            "is_blocked": ("blocked",),
            "read_all": ("raw", "blocked"),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "KY-020",
        "aliases": ("KY_020", "KY020"),
        "commands": {
            "read_raw": ("raw",),
            "read_tilted": ("tilted",),
            "read_all": ("raw", "tilted"),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "KY-023",
        "aliases": ("KY_023", "KY023", "JOYSTICK"),
        "commands": {
            "read_x": ("x",),
            "read_y": ("y",),
            "read_raw": ("x", "y"),
            "read_switch": ("pressed",),
            "read_all": ("x", "y", "voltage", "pressed"),
        },
        "read_ms": 0.2,
        "bus": "analog",
    }, {
        "name": "KY-026",
        "aliases": ("KY_026", "KY026", "FLAME"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_detected": ("detected",),
            "read_all": ("raw", "voltage", "detected"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "KY-035",
        "aliases": ("KY_035", "KY035", "HALL"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_field": ("field",),
            "read_switch": ("switch",),
            "read_all": ("raw", "voltage", "field", "switch"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "KY-036",
        "aliases": ("KY_036", "KY036", "TOUCH"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_touched": ("touched",),
            "read_all": ("raw", "voltage", "touched"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "KY-038",
        "aliases": ("KY_038", "KY038", "MIC", "MICROPHONE"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_trigger": ("triggered",),
            "read_all": ("raw", "voltage", "triggered", "level"),
        },
        "read_ms": 20,
        "bus": "analog",
    }, {
        "name": "KY-040",
        "aliases": ("KY_040", "KY040", "ENCODER"),
        "commands": {
            "read_clk": ("clk",),
            "read_dt": ("dt",),
            "read_switch": ("switch",),
            "is_pressed": ("pressed",),
            "read_all": ("clk", "dt", "switch", "pressed"),
        },
        "read_ms": 0.1,
        "bus": "digital",
    }, {
        "name": "HW-080",
        "aliases": ("HW_080", "HW080", "YL-69", "YL69", "FC-28", "SOIL"),
        "commands": {
            "read_raw": ("raw",),
            "read_voltage": ("voltage",),
            "read_moisture": ("moisture", "dry"),
            "read_all": ("raw", "voltage", "moisture", "dry"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    }, {
        "name": "WATER",
        "aliases": ("WATER_SENSOR", "WATER-LEVEL", "WATER_LEVEL", "WATERLEVEL", "LEAK"),
        "commands": {
            "read_raw": ("raw",),
            "read_wet": ("wet",),
            "read_all": ("raw", "wet"),
        },
        "read_ms": 0.1,
        "bus": "analog",
    })
