enum JsonnetPlaceholder {}
