"""What both services' application layers share: the steps every command takes."""
