/** Keras's fuzz factor `backend.epsilon()`: clips probabilities and guards divisions. */
export const EPSILON = 1e-7;
