print("hajund")
