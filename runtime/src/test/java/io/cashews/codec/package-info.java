/** Tests of the value codec: every stored form, the allow-list, compression and signatures. */
package io.cashews.codec;
