# The ESP32 + BME280 firmware's bme280 module is being written; this file is replaced by it.
