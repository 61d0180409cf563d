# The ESP32 + BME280 firmware's main module is being written; this file is replaced by it.
